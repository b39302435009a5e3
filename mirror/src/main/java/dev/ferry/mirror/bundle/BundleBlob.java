package dev.ferry.mirror.bundle;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Hash;

/**
 * A blob of the bundle's images as the header records it: its size and sha256, which is also its name
 * ({@code images/blobs/sha256/<hex>}). Only sha256 blobs are carried, as every registry kOps pulls from names them.
 */
public record BundleBlob(Hash sha256, long size) {
    public BundleBlob {
        if (sha256.algorithm() != dev.ferry.mirror.asset.HashAlgorithm.SHA256) {
            throw new IllegalArgumentException("a blob is named by its sha256");
        }
    }

    /** Parses {@code sha256:<hex>}. */
    public static BundleBlob of(String digest, long size) {
        if (!digest.startsWith("sha256:")) {
            throw new FerryException("blob " + digest + " is not named by sha256", "Ferry carries sha256 blobs only; pack the bundle again");
        }
        return new BundleBlob(Hash.sha256(digest.substring(7)), size);
    }

    public String digest() {
        return "sha256:" + sha256.hex();
    }

    /** Its tar entry: {@code images/blobs/sha256/<hex>}. */
    public String entryName() {
        return BundleFormat.IMAGES + "blobs/sha256/" + sha256.hex();
    }
}
