package dev.ferry.mirror.asset;

import java.util.Objects;

/**
 * What an asset's bytes must hash to: either known now (with where it came from), or to be read
 * from an upstream checksum file at download time.
 */
public sealed interface ExpectedHash {

    /** A hash known when the lock is written. */
    record Known(Hash hash, Provenance provenance) implements ExpectedHash {
        public Known {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(provenance, "provenance");
        }
    }

    /** A hash to be read from {@code url} (in {@code format}, of {@code algorithm}) before the asset is trusted. */
    record FromSidecar(String url, SidecarFormat format, HashAlgorithm algorithm) implements ExpectedHash {
        public FromSidecar {
            SourceUrl.check(Objects.requireNonNull(url, "url"), "the checksum file's URL");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(algorithm, "algorithm");
        }
    }

    /** Short human form for tables: the hex, or "from upstream sidecar". */
    default String describe() {
        if (this instanceof Known k) {
            return k.hash().algorithm() + ":" + k.hash().hex();
        }
        return "from upstream sidecar";
    }
}
