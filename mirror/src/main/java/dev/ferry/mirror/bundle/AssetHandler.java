package dev.ferry.mirror.bundle;

import dev.ferry.mirror.asset.Asset;

/** What a {@link BundleReader} does with each asset it reads: {@code push} publishes, {@code inspect} only counts. */
public interface AssetHandler {

    /** Called before the asset's bytes are read: true to have them staged in a file (to publish), false to only verify them. */
    boolean wantsFile(Asset asset, BundleAsset entry);

    /** True when verified assets must carry a sha1 too (the legacy layout's sidecars). */
    default boolean needsSha1() {
        return false;
    }

    /** The asset's bytes matched; {@code file} is deleted when this returns. */
    void verified(VerifiedAsset asset);

    /** The asset's bytes did not match (or the entry was not expected); nothing of it may be published. */
    default void rejected(String entryName, String reason) {}
}
