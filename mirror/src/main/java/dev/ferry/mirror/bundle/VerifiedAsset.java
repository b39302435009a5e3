package dev.ferry.mirror.bundle;

import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Digests;
import java.nio.file.Path;
import java.util.Optional;

/**
 * An asset whose bytes in the bundle matched the lock and the header.
 *
 * @param file the bytes staged on disk, when the handler asked for them; deleted after the handler returns
 */
public record VerifiedAsset(Asset asset, BundleAsset entry, Digests digests, Optional<Path> file) {}
