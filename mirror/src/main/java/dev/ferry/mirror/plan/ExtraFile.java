package dev.ferry.mirror.plan;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file a manifest adds beyond the catalog: an addon manifest, a tool, anything a cluster needs.
 *
 * @param checksums a sha256 checksum list upstream publishes for it (Ubuntu's SHA256SUMS): its hash is read there
 * @param signature a detached OpenPGP signature of the file, or of {@code checksums} when that is given
 * @param keyring   the keys that must have signed it (absolute: the manifest's relative path resolved)
 */
public record ExtraFile(String url, Optional<String> sha256, Optional<String> key, String where, Optional<String> checksums,
                        Optional<String> signature, Optional<Path> keyring) {

    /** A file with no checksum list and no signature named. */
    public ExtraFile(String url, Optional<String> sha256, Optional<String> key, String where) {
        this(url, sha256, key, where, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
