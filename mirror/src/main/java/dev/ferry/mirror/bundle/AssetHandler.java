package dev.ferry.mirror.bundle;

import dev.ferry.mirror.asset.Asset;

/** What a {@link BundleReader} does with each asset it reads: {@code push} publishes, {@code inspect} only counts. */
public interface AssetHandler {

    /** Called before the asset's bytes are read: true to have them staged in a file (to publish), false to only verify them. */
    boolean wantsFile(Asset asset, BundleAsset entry);

    /** Digests verified assets must carry besides sha256: sha1 for the legacy layout's sidecars, md5 for S3. */
    default java.util.Set<dev.ferry.mirror.asset.HashAlgorithm> digestsNeeded() {
        return java.util.Set.of();
    }

    /** The asset's bytes matched; {@code file} is deleted when this returns. */
    void verified(VerifiedAsset asset);

    /**
     * Where the images' blobs go once verified, as an OCI image layout (its {@code index.json} written last); empty to
     * only verify them.
     */
    default java.util.Optional<java.nio.file.Path> imagesFolder() {
        return java.util.Optional.empty();
    }

    /** The asset's bytes did not match (or the entry was not expected); nothing of it may be published. */
    default void rejected(String entryName, String reason) {}
}
