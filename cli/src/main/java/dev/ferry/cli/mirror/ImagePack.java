package dev.ferry.cli.mirror;

import dev.ferry.format.Sizes;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.bundle.BundleBlob;
import dev.ferry.mirror.bundle.BundleImage;
import dev.ferry.mirror.bundle.BundleImages;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.progress.Progress;
import dev.ferry.registry.copy.CopyOptions;
import dev.ferry.registry.layout.LayoutExport;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.RegistryTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The images half of {@code pack}: every image of the lock copied byte for byte into an OCI layout in the cache
 * (as {@code sync --registry oci:…} copies, pins written back into the lock file where it did not pin them), then
 * exported as the bundle's images: one index of exactly the lock's images, every blob once.
 */
final class ImagePack {
    /** The copy into the cache's layout, and what the bundle carries of it (empty when the copy failed). */
    record Staged(ImageSync.Result copy, Optional<BundleImages> images) {}

    private ImagePack() {}

    /** Copies into {@code images/} of the cache, where pack keeps images between runs: blobs already there are not fetched again. */
    static Staged stage(Lock lock, Optional<Path> lockFile, Path cacheRoot, ImageAccess access, int jobs, Progress progress, PrintWriter err) {
        Path layout = cacheRoot.resolve("images");
        err.println("copying " + Sizes.count(lock.images().size(), "image") + " into " + layout + " (every platform, byte for byte)");
        err.flush();
        ImageSync.Planned planned = ImageSync.plan(lock, new RegistryTarget.Layout(layout), ImageNaming.PROXY);
        ImageSync.Result copy = ImageSync.run(planned, lock, lockFile, access, CopyOptions.defaults(jobs), false, progress);
        if (copy.report().failed()) {
            return new Staged(copy, Optional.empty());
        }
        return new Staged(copy, Optional.of(export(OciLayout.open(layout), copy)));
    }

    /** The lock's images at the digests the copy found (the pinned ones, or those pinned by this run). */
    private static BundleImages export(OciLayout layout, ImageSync.Result copy) {
        LayoutExport e = LayoutExport.of(layout, copy.report().images().stream()
                .map(i -> new dev.ferry.registry.ref.ImageRequest(i.name(), i.digest())).toList());
        return new BundleImages(e.indexJson(), e.images().stream().map(i -> new BundleImage(i.reference(), i.digest().toString(),
                i.mediaType(), i.platforms())).toList(), e.blobs().stream()
                .map(b -> new BundleImages.BlobFile(b.file(), new BundleBlob(Hash.sha256(b.digest().hex()), b.size()))).toList());
    }
}
