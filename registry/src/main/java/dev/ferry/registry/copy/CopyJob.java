package dev.ferry.registry.copy;

import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.store.ImageSource;
import dev.ferry.registry.store.ImageTarget;
import java.util.Optional;

/**
 * One image to copy.
 *
 * @param name      the canonical name, for progress and the summary
 * @param source    where it is read
 * @param reference the tag (or digest) to read when no digest is pinned
 * @param pinned    the digest the top manifest or index must have; read by this digest when given
 * @param target    where it is written
 * @param tag       the tag (for a layout, the reference name) to write last; empty: stored by digest only
 */
public record CopyJob(String name, ImageSource source, String reference, Optional<Digest> pinned, ImageTarget target, Optional<String> tag) {}
