package dev.ferry.mirror.asset;

import java.util.Objects;
import java.util.Optional;

/**
 * What an asset's bytes must hash to: either known now (pinned, with where it came from), or to be read
 * from an upstream checksum file at download time (unpinned).
 */
public sealed interface ExpectedHash {

    /**
     * A hash known when the lock is written: the bytes must have it, whatever any checksum file says later.
     *
     * @param sidecar where upstream publishes this hash, when known: the file {@code plan --resolve} read it
     *                from, or the one {@code lock verify --online} compares a table's hash with
     */
    record Known(Hash hash, Provenance provenance, Optional<FromSidecar> sidecar) implements ExpectedHash {
        public Known {
            Objects.requireNonNull(hash, "hash");
            Objects.requireNonNull(provenance, "provenance");
            Objects.requireNonNull(sidecar, "sidecar");
        }

        public Known(Hash hash, Provenance provenance) {
            this(hash, provenance, Optional.empty());
        }
    }

    /** A hash to be read from {@code url} (in {@code format}, of {@code algorithm}) before the asset is trusted. */
    record FromSidecar(String url, SidecarFormat format, HashAlgorithm algorithm) implements ExpectedHash {
        public FromSidecar {
            SourceUrl.check(Objects.requireNonNull(url, "url"), "the checksum file's URL");
            Objects.requireNonNull(format, "format");
            Objects.requireNonNull(algorithm, "algorithm");
        }

        /** The hash this checksum file gave, pinned: what {@code plan --resolve} writes into the lock. */
        public Known pinned(Hash hash) {
            return new Known(hash, Provenance.UPSTREAM_SIDECAR, Optional.of(this));
        }
    }

    /** Whether the hash is in the lock (true) or read from upstream at download time (false). */
    default boolean isPinned() {
        return this instanceof Known;
    }

    /** Where upstream publishes the hash, when known. */
    default Optional<FromSidecar> upstreamSidecar() {
        return this instanceof Known k ? k.sidecar() : Optional.of((FromSidecar) this);
    }

    /** Short human form for tables: the hex, or "from upstream sidecar". */
    default String describe() {
        if (this instanceof Known k) {
            return k.hash().algorithm() + ":" + k.hash().hex();
        }
        return "from upstream sidecar";
    }
}
