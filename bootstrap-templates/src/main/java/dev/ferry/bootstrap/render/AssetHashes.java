package dev.ferry.bootstrap.render;

import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import java.util.Optional;

/**
 * Where the renderer gets the sha256 it writes into the user-data for each asset. Nodes check every
 * download against it, so it must be known at render time: from the lock, or from the mirror's sidecar.
 */
@FunctionalInterface
public interface AssetHashes {

    /** The sha256 the node must see, or empty when this source does not know it. */
    Optional<Hash> sha256(Asset asset);

    /** Hashes pinned in the lock only (a lock written after a sync, or a pinned catalog entry). */
    static AssetHashes fromLock() {
        return asset -> asset.hash() instanceof ExpectedHash.Known k && k.hash().algorithm() == HashAlgorithm.SHA256
                ? Optional.of(k.hash()) : Optional.empty();
    }

    /** This source, then {@code next} for what it does not know. */
    default AssetHashes orElse(AssetHashes next) {
        return asset -> {
            Optional<Hash> h = sha256(asset);
            return h.isPresent() ? h : next.sha256(asset);
        };
    }
}
