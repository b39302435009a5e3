package dev.ferry.mirror.asset;

import java.util.Objects;
import java.util.Optional;

/**
 * The hashes of one file, computed in the single pass that writes its bytes: sha256 (the integrity
 * proof), md5 (what S3 reports as the ETag of a single-part upload) and, for the legacy layout, sha1.
 */
public record Digests(long size, Hash sha256, Hash md5, Optional<Hash> sha1) {
    public Digests {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(sha1, "sha1");
        if (sha256.algorithm() != HashAlgorithm.SHA256 || md5.algorithm() != HashAlgorithm.MD5
                || sha1.map(h -> h.algorithm() != HashAlgorithm.SHA1).orElse(false)) {
            throw new IllegalArgumentException("digests in the wrong slots");
        }
    }

    /** The hash of the given algorithm, when it was computed. */
    public Optional<Hash> get(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA256 -> Optional.of(sha256);
            case MD5 -> Optional.of(md5);
            case SHA1 -> sha1;
        };
    }
}
