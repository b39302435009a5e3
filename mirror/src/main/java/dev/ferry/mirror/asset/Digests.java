package dev.ferry.mirror.asset;

import java.util.Objects;
import java.util.Optional;

/**
 * The hashes of one file, computed in the single pass that writes its bytes: sha256 (the integrity
 * proof, always), md5 (what S3 reports as the ETag of a single-part upload; computed only where a
 * store needs it, since it costs more CPU than sha256 here) and, for the legacy layout, sha1.
 */
public record Digests(long size, Hash sha256, Optional<Hash> md5, Optional<Hash> sha1) {
    public Digests {
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(md5, "md5");
        Objects.requireNonNull(sha1, "sha1");
        if (sha256.algorithm() != HashAlgorithm.SHA256 || md5.map(h -> h.algorithm() != HashAlgorithm.MD5).orElse(false)
                || sha1.map(h -> h.algorithm() != HashAlgorithm.SHA1).orElse(false)) {
            throw new IllegalArgumentException("digests in the wrong slots");
        }
    }

    /** The hash of the given algorithm, when it was computed. */
    public Optional<Hash> get(HashAlgorithm algorithm) {
        return switch (algorithm) {
            case SHA256 -> Optional.of(sha256);
            case MD5 -> md5;
            case SHA1 -> sha1;
        };
    }

    /** True when every algorithm in {@code wanted} was computed. */
    public boolean covers(java.util.Set<HashAlgorithm> wanted) {
        return wanted.stream().allMatch(a -> get(a).isPresent());
    }
}
