package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;

/** Where an expected hash came from, so a reviewer of the lock knows how far to trust it. */
public enum Provenance implements Word {
    /** Pinned in Ferry's catalog (a known-good value, or a hash that is part of the file name). */
    PINNED,
    /** From kOps's own tables of known hashes (pkg/assets/assetdata), carried in Ferry's catalog. */
    KOPS_ASSETDATA,
    /** Taken from the output of {@code kops get assets}. */
    KOPS_ASSETS,
    /** Written by a person in a {@code ferry.yaml} manifest. */
    MANIFEST,
    /** Read from the upstream sidecar: when the lock was pinned ({@code plan --resolve}), or else at download time. */
    UPSTREAM_SIDECAR;

    public static Provenance parse(String id) {
        return Word.find(values(), id)
                .orElseThrow(() -> FerryException.badInput("unknown hash source '" + id + "'", "use " + Word.choices(values())));
    }

    @Override
    public String toString() {
        return id();
    }
}
