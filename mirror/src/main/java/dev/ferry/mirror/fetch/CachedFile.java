package dev.ferry.mirror.fetch;

import dev.ferry.mirror.asset.Digests;
import java.nio.file.Path;

/** A file in the content-addressed cache whose bytes were verified, with the digests computed while writing it. */
public record CachedFile(Path path, Digests digests) {}
