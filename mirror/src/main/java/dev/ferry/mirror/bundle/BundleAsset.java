package dev.ferry.mirror.bundle;

import dev.ferry.mirror.asset.Hash;
import java.util.Objects;

/**
 * One asset as the bundle header records it, known before its bytes are read.
 *
 * @param key      the mirror key (in the header's layout); the tar entry is {@code files/<key>}
 * @param sha256   the sha256 checked at pack time (against the lock, or the upstream sidecar the lock names)
 * @param hashFrom where that hash came from, as in the lock: pinned, kops-assets, manifest, upstream-sidecar
 */
public record BundleAsset(String key, long size, Hash sha256, String hashFrom) {
    public BundleAsset {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(hashFrom, "hashFrom");
    }
}
