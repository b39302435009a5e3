package dev.ferry.registry.store;

import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Manifest;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;

/**
 * Where an image is written: a registry repository or an OCI layout. The copier writes blobs, then child
 * manifests, then the tagged top manifest, so nothing is reachable under a tag before all it refers to is there.
 */
public interface ImageTarget {

    /** For messages: {@code 123….dkr.ecr.cn-north-1.amazonaws.com.cn/kops/pause}, {@code oci:/srv/images}. */
    String describe();

    /** The digest {@code reference} (a tag, a layout reference name, a digest) points at here, if any. */
    Optional<Digest> manifestDigest(String reference);

    boolean hasBlob(Descriptor blob);

    /**
     * Stores a blob read from {@code content}, which the caller has wrapped in a check of the descriptor (so
     * a wrong blob fails while it streams and is never stored); {@code moved} hears of the bytes as they go.
     */
    void pushBlob(Descriptor blob, Supplier<InputStream> content, LongConsumer moved);

    /**
     * Makes a blob that {@code other} holds available here without sending its bytes (a cross-repository
     * mount); false when this target cannot (then the caller sends the bytes).
     */
    default boolean mountBlob(Descriptor blob, ImageTarget other) {
        return false;
    }

    /** Stores a manifest's exact bytes under its media type, by digest, and under {@code tag} when given. */
    void pushManifest(Manifest manifest, Optional<String> tag);

    /** Targets with one key keep blobs in one place: a blob stored through one is there for all. */
    String blobScope();

    /** Targets with one key can mount blobs from each other ({@link #mountBlob}); empty when none can. */
    default Optional<String> mountScope() {
        return Optional.empty();
    }
}
