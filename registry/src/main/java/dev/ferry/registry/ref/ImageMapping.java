package dev.ferry.registry.ref;

import dev.ferry.registry.oci.Digest;
import java.util.Optional;

/**
 * One image to copy: its canonical name as kOps writes it, where it is read, the digest it is pinned to, and
 * its name in the target (a registry reference, or the canonical name in an OCI layout).
 */
public record ImageMapping(String canonical, ImageReference source, Optional<Digest> pinned, String target) {

    /** The target name read as an image reference (for a registry target). */
    public ImageReference targetReference() {
        return ImageReference.parse(target);
    }
}
