package dev.ferry.mirror.bundle;

import java.util.List;
import java.util.Objects;

/**
 * One container image as the bundle header records it.
 *
 * @param reference the canonical name, as the lock and kOps write it
 * @param digest    its manifest's or index's digest ({@code sha256:…}), what the target must serve
 * @param platforms {@code os/architecture[/variant]} it holds
 */
public record BundleImage(String reference, String digest, String mediaType, List<String> platforms) {
    public BundleImage {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(digest, "digest");
        Objects.requireNonNull(mediaType, "mediaType");
        platforms = List.copyOf(platforms);
    }
}
