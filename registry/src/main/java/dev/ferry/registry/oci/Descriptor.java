package dev.ferry.registry.oci;

import java.util.List;
import java.util.Optional;

/**
 * What a manifest says about one piece of content: its media type, digest and size, the platform of an index
 * entry, and the {@code urls} of a layer that lives outside registries.
 */
public record Descriptor(String mediaType, Digest digest, long size, Optional<Platform> platform, List<String> urls) {

    public Descriptor {
        if (size < 0) {
            throw new IllegalArgumentException("size " + size);
        }
        urls = List.copyOf(urls);
    }

    public static Descriptor of(String mediaType, Digest digest, long size) {
        return new Descriptor(mediaType, digest, size, Optional.empty(), List.of());
    }

    /** A Windows base layer: registries refuse to serve it, and accept a manifest that names it without it. */
    public boolean nonDistributable() {
        return MediaTypes.NON_DISTRIBUTABLE.contains(mediaType);
    }
}
