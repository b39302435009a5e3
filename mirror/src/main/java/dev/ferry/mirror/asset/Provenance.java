package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;

/** Where an expected hash came from, so a reviewer of the lock knows how far to trust it. */
public enum Provenance {
    /** Pinned in Ferry's catalog (a known-good value, or a hash that is part of the file name). */
    PINNED("pinned"),
    /** From kOps's own tables of known hashes (pkg/assets/assetdata), carried in Ferry's catalog. */
    KOPS_ASSETDATA("kops-assetdata"),
    /** Taken from the output of {@code kops get assets}. */
    KOPS_ASSETS("kops-assets"),
    /** Written by a person in a {@code ferry.yaml} manifest. */
    MANIFEST("manifest"),
    /** Read from the upstream sidecar: when the lock was pinned ({@code plan --resolve}), or else at download time. */
    UPSTREAM_SIDECAR("upstream-sidecar");

    private final String id;

    Provenance(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Provenance parse(String id) {
        for (Provenance p : values()) {
            if (p.id.equals(id)) {
                return p;
            }
        }
        throw FerryException.badInput("unknown hash source '" + id + "'", "use pinned, kops-assetdata, kops-assets, manifest or upstream-sidecar");
    }

    @Override
    public String toString() {
        return id;
    }
}
