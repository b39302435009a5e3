package dev.ferry.cli.mirror;

import dev.ferry.mirror.env.PublicUrl;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --public-url URL}: where kOps and nodes read the mirror; env prints the settings for it, verify reads through it. */
public final class PublicUrlOption {

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Where kOps and nodes read the mirror, e.g. https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops or http://10.0.0.5:8080.")
    String url;

    /** The URL given, parsed. */
    public Optional<PublicUrl> value() {
        return Optional.ofNullable(url).map(PublicUrl::parse);
    }
}
