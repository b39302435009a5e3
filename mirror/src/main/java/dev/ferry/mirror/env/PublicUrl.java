package dev.ferry.mirror.env;

import dev.ferry.error.FerryException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The URL a mirror is read at by kOps and nodes: {@code https://bucket.s3.cn-north-1.amazonaws.com.cn/prefix},
 * {@code http://10.0.0.5:8080} (ferry mirror serve), or {@code s3://bucket/prefix}. Kept without a trailing slash.
 */
public record PublicUrl(String value, String scheme, String host) {
    private static final Pattern S3_HOST = Pattern.compile(
            "^(?:(?<bucket>.+)\\.)?s3(?:[.-](?<region>[a-z]{2}(?:-gov)?-[a-z]+-\\d))?(?:\\.dualstack)?\\.amazonaws\\.com(?<cn>\\.cn)?$");

    public static PublicUrl parse(String text) {
        String t = text == null ? "" : text.trim();
        URI uri;
        try {
            uri = new URI(t);
        } catch (URISyntaxException e) {
            throw FerryException.badInput("--public-url '" + t + "' is not a URL: " + e.getReason(),
                    "e.g. --public-url https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("s3")) {
            throw FerryException.badInput("--public-url '" + t + "' must start with https://, http:// or s3://",
                    "e.g. --public-url https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops");
        }
        if (uri.getHost() == null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw FerryException.badInput("--public-url '" + t + "' needs a host and no ?query or #fragment",
                    "e.g. --public-url https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops");
        }
        String v = t;
        while (v.endsWith("/")) {
            v = v.substring(0, v.length() - 1);
        }
        return new PublicUrl(v, scheme, uri.getHost().toLowerCase(Locale.ROOT));
    }

    /** {@code base/key}, the URL of one object. */
    public String resolve(String key) {
        return value + "/" + key;
    }

    public boolean isS3Scheme() {
        return scheme.equals("s3");
    }

    /** True for an S3 endpoint host (virtual-hosted or path style, any partition). */
    public boolean isS3Endpoint() {
        return S3_HOST.matcher(host).matches();
    }

    /** The region an S3 endpoint host names ({@code s3.cn-north-1.amazonaws.com.cn}), if it names one. */
    public Optional<String> endpointRegion() {
        Matcher m = S3_HOST.matcher(host);
        return m.matches() ? Optional.ofNullable(m.group("region")) : Optional.empty();
    }

    /** True for an endpoint in the AWS China partition ({@code .amazonaws.com.cn}). */
    public boolean isChinaEndpoint() {
        return host.endsWith(".amazonaws.com.cn");
    }

    /** The bucket of a virtual-hosted S3 URL ({@code bucket.s3.region.amazonaws.com.cn}), or of an s3:// URL. */
    public Optional<String> bucket() {
        if (isS3Scheme()) {
            return Optional.of(host);
        }
        Matcher m = S3_HOST.matcher(host);
        if (!m.matches()) {
            return Optional.empty();
        }
        if (m.group("bucket") != null) {
            return Optional.of(m.group("bucket"));
        }
        String first = path().split("/", 2)[0]; // path style: https://s3.cn-north-1.amazonaws.com.cn/bucket/prefix
        return first.isEmpty() ? Optional.empty() : Optional.of(first);
    }

    /** True for {@code bucket.s3…} (virtual-hosted) rather than {@code s3…/bucket} (path style). */
    public boolean isVirtualHosted() {
        Matcher m = S3_HOST.matcher(host);
        return m.matches() && m.group("bucket") != null;
    }

    /** The path after the host, without leading slash (for s3:// the prefix). */
    public String path() {
        int hostEnd = value.indexOf('/', value.indexOf("://") + 3);
        return hostEnd < 0 ? "" : value.substring(hostEnd + 1);
    }

    @Override
    public String toString() {
        return value;
    }
}
