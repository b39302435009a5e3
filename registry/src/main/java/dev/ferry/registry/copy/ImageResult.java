package dev.ferry.registry.copy;

import dev.ferry.error.FerryException;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Platform;
import java.util.List;
import java.util.Optional;

/**
 * What became of one image.
 *
 * @param name      the canonical name
 * @param target    where it went
 * @param status    copied, already present, or failed
 * @param digest    the digest of its top manifest or index (the one to pin), when known
 * @param mediaType the top manifest's media type, when it was read
 * @param platforms the platforms of an index's entries (empty for a single manifest)
 * @param failure   why it failed
 */
public record ImageResult(String name, String target, Status status, Optional<Digest> digest, Optional<String> mediaType,
                          List<Platform> platforms, Optional<FerryException> failure) {

    public enum Status { COPIED, PRESENT, FAILED }

    public ImageResult {
        platforms = List.copyOf(platforms);
    }
}
