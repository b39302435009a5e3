package dev.ferry.registry;

import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Platform;
import java.util.List;

/**
 * What the lock pins for an image: its canonical name, the digest of its manifest or index exactly as upstream
 * serves it, that manifest's media type, and the platforms it holds.
 */
public record ResolvedImage(String canonical, Digest digest, String mediaType, List<Platform> platforms) {
    public ResolvedImage {
        platforms = List.copyOf(platforms);
    }
}
