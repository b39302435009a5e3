package dev.ferry.registry.store;

import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Manifest;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A source that remembers, for one run, the manifests it has read, by digest: pinning an image and then copying
 * it reads its manifest or index from upstream once. A manifest asked for by digest is content-addressed (its
 * bytes were checked against that digest when first read), so the remembered one is what a new read would give;
 * a tag is always asked again, since tags move.
 */
public final class RememberedManifests {
    /** Manifests are a few KiB; past this many (a lock of thousands of images) the rest are not remembered. */
    private static final int MAX_REMEMBERED = 4096;
    private final Map<String, Manifest> byDigest = new ConcurrentHashMap<>();

    /** {@code source}, answering from this run's manifests of {@code repository} where it can. */
    public ImageSource around(ImageSource source, String repository) {
        return new ImageSource() {
            @Override
            public String describe() {
                return source.describe();
            }

            @Override
            public Optional<Manifest> manifest(String reference, String mediaType) {
                if (Digest.looksLikeDigest(reference)) {
                    Manifest seen = byDigest.get(repository + "@" + reference);
                    if (seen != null) {
                        return Optional.of(seen);
                    }
                }
                Optional<Manifest> read = source.manifest(reference, mediaType);
                read.filter(m -> byDigest.size() < MAX_REMEMBERED).ifPresent(m -> byDigest.putIfAbsent(repository + "@" + m.digest(), m));
                return read;
            }

            @Override
            public InputStream blob(Descriptor blob, long offset) {
                return source.blob(blob, offset);
            }
        };
    }
}
