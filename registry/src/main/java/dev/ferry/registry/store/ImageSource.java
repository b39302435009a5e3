package dev.ferry.registry.store;

import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Manifest;
import java.io.InputStream;
import java.util.Optional;

/** Where an image is read: a registry repository (behind its source mirrors) or an OCI layout. */
public interface ImageSource {

    /** For messages: {@code registry.k8s.io/pause}, {@code oci:/srv/images}. */
    String describe();

    /**
     * The manifest or index under {@code reference} (a tag, a layout's reference name, or a digest), its bytes
     * exactly as stored; asked by digest, the bytes are checked against it. Empty when there is none.
     *
     * @param mediaType the type a descriptor gave it, or "" (the registry is asked for every manifest type)
     */
    Optional<Manifest> manifest(String reference, String mediaType);

    /**
     * The bytes of a blob from {@code offset} on, unchecked: the caller checks them while they stream. Fails
     * with a {@link dev.ferry.error.FerryException} when the blob cannot be read.
     */
    InputStream blob(Descriptor blob, long offset);
}
