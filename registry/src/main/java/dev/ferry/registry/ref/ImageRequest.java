package dev.ferry.registry.ref;

import dev.ferry.error.FerryException;
import dev.ferry.registry.oci.Digest;
import java.util.Optional;

/**
 * An image a cluster needs: its name as kOps writes it ({@code registry.k8s.io/pause:3.10.1}) and, once
 * pinned, the digest of its manifest or index exactly as upstream serves it.
 */
public record ImageRequest(String canonical, Optional<Digest> pinned) {

    public ImageRequest {
        ImageReference ref = ImageReference.parse(canonical);
        if (ref.digest().isPresent() && pinned.isPresent() && !ref.digest().get().equals(pinned.get())) {
            throw FerryException.badInput(canonical + " names digest " + ref.digest().get() + " but is pinned to " + pinned.get(),
                    "keep one digest");
        }
        if (pinned.isEmpty()) {
            pinned = ref.digest();
        }
    }

    /** {@code registry.k8s.io/pause:3.10.1} or {@code registry.k8s.io/pause:3.10.1@sha256:…}. */
    public static ImageRequest of(String canonical) {
        return new ImageRequest(canonical, Optional.empty());
    }

    /** Where the image is read from upstream. */
    public ImageReference source() {
        return ImageReference.parse(canonical);
    }
}
