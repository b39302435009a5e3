package dev.ferry.cli.mirror;

import dev.ferry.mirror.bundle.BundleHeader;
import dev.ferry.progress.Progress;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.copy.CopyOptions;
import dev.ferry.registry.copy.CopyReport;
import dev.ferry.registry.copy.ImageCopy;
import dev.ferry.registry.ecr.PauseCaveat;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.ref.ImageMapping;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The images half of {@code push --registry}: the bundle's images, named in the target by kOps's rule before the
 * bundle is read (a collision is refused first), then copied from the layout the verified blobs were staged in.
 * The copy checks every blob again as it streams from the staging layout to the target, writes blobs, then child
 * manifests, then the tag; an image with a blob that was refused in the bundle fails, untagged.
 */
final class ImagePush {
    private ImagePush() {}

    /** The names the bundle's images get in {@code target}, at the digests the bundle header records. */
    static ImageSync.Planned plan(BundleHeader header, RegistryTarget target, ImageNaming naming) {
        List<ImageRequest> requests = header.images().stream()
                .map(i -> new ImageRequest(i.reference(), Optional.of(Digest.parse(i.digest())))).toList();
        List<ImageMapping> mappings = TargetNames.map(requests, target, naming);
        List<String> warnings = new ArrayList<>();
        PauseCaveat.warning(target, mappings).ifPresent(warnings::add);
        return new ImageSync.Planned(target, naming, mappings, warnings);
    }

    /** Copies every planned image from the staging layout {@code staged}. */
    static ImageSync.Result run(ImageSync.Planned planned, Path staged, ImageAccess access, int jobs, boolean ecrPublicRead, Progress progress) {
        long start = System.nanoTime();
        RegistryAccess registry = access.registry();
        registry.prepare(planned.target(), planned.mappings(), ecrPublicRead, progress);
        CopyReport report = new ImageCopy(CopyOptions.defaults(jobs)).run(registry.jobsFromLayout(OciLayout.open(staged), planned.mappings(),
                planned.target()), progress);
        return new ImageSync.Result(planned, report, 0, Optional.empty(), Duration.ofNanos(System.nanoTime() - start));
    }
}
