package dev.ferry.cli.mirror;

import dev.ferry.mirror.bundle.BundleSource;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The {@code BUNDLE} that push and inspect read: one file, or a split bundle found from its manifest or any part. */
public final class BundleArgument {

    @Parameters(index = "0", paramLabel = "BUNDLE",
            description = "The bundle: NAME.tar.zst, or for a split bundle NAME.tar.zst.parts.json (or any of its parts).")
    Path bundle;

    /** The bundle's files, found on disk. */
    BundleSource locate() {
        return BundleSource.locate(bundle);
    }
}
