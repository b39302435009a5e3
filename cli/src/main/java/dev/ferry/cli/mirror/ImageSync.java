package dev.ferry.cli.mirror;

import dev.ferry.cli.TerminalProgress;
import dev.ferry.error.FailureGroups;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.lock.LockedImage;
import dev.ferry.progress.Progress;
import dev.ferry.registry.copy.CopyOptions;
import dev.ferry.registry.copy.CopyReport;
import dev.ferry.registry.copy.ImageResult;
import dev.ferry.registry.ecr.PauseCaveat;
import dev.ferry.registry.ref.ImageMapping;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The images half of {@code sync --registry}: every image of the lock named in the target by kOps's rule (before
 * anything, files included, is copied: a collision is refused), pinned where the lock does not pin it yet (the
 * pins written back into the lock file, as {@code lock pin} writes them), then copied byte for byte.
 */
final class ImageSync {
    /** The names in the target, and what the user should read before the copy starts. */
    record Planned(RegistryTarget target, ImageNaming naming, List<ImageMapping> mappings, List<String> warnings) {}

    /**
     * @param report     each image's result, in the lock's order (an image that could not be pinned failed)
     * @param pinned     images pinned by this run
     * @param pinnedInto the lock file the pins were written to; empty when there was none, or nothing to write
     */
    record Result(Planned planned, CopyReport report, int pinned, Optional<Path> pinnedInto, Duration took) {}

    private ImageSync() {}

    static Planned plan(Lock lock, RegistryTarget target, ImageNaming naming) {
        List<ImageMapping> mappings = TargetNames.map(ImagePins.requests(lock.images()), target, naming);
        List<String> warnings = new ArrayList<>();
        PauseCaveat.warning(target, mappings).ifPresent(warnings::add);
        Map<String, String> targets = mappings.stream().collect(Collectors.toMap(ImageMapping::canonical, ImageMapping::target));
        for (LockedImage i : lock.images()) {
            String there = targets.get(i.reference());
            if (i.download().isPresent() && there != null && target instanceof RegistryTarget.Remote
                    && !i.download().get().replaceFirst("@.*$", "").equals(there.replaceFirst("@.*$", ""))) {
                warnings.add("kops get assets says the cluster pulls " + i.download().get() + ", but " + i.reference() + " goes to " + there
                        + ": give kOps " + naming.kopsField() + ": " + ((RegistryTarget.Remote) target).setting() + ", or sync with the naming"
                        + " and registry kOps was given");
            }
        }
        return new Planned(target, naming, mappings, warnings);
    }

    /** {@link #run} with the progress of blobs and bytes on {@code err}, said first (unless {@code quiet}) what is copied where. */
    static Result copy(Planned p, Lock lock, Optional<Path> lockFile, ImageAccess access, CopyOptions options, boolean ecrPublicRead,
                       PrintWriter err, boolean quiet) {
        if (!quiet) {
            err.printf("copying %s to %s (%s naming, %s)%n", Sizes.count(p.mappings().size(), "image"), p.target().describe(),
                    p.naming().id(), Sizes.count(options.jobs(), "job"));
            err.flush();
        }
        try (TerminalProgress terminal = TerminalProgress.transfers(err)) {
            return run(p, lock, lockFile, access, options, ecrPublicRead, Progress.root("copying images", terminal));
        }
    }

    /** Pins what the lock does not pin yet, then copies every image. */
    static Result run(Planned planned, Lock lock, Optional<Path> lockFile, ImageAccess access, CopyOptions options, boolean ecrPublicRead,
                      Progress progress) {
        long start = System.nanoTime();
        ImagePins.Result pins = ImagePins.pin(lock, access.registry(), options.jobs());
        Optional<Path> pinnedInto = Optional.empty();
        if (pins.pinned() > 0 && lockFile.isPresent()) {
            writeBack(lockFile.get(), pins.lock());
            pinnedInto = lockFile;
        }
        Set<String> unread = pins.failures().stream().map(FailureGroups.Failure::subject).collect(Collectors.toSet());
        List<LockedImage> readable = pins.lock().images().stream().filter(i -> !unread.contains(i.reference())).toList();
        List<ImageMapping> mappings = TargetNames.map(ImagePins.requests(readable), planned.target(), planned.naming());
        CopyReport copied = access.registry().copy(mappings, planned.target(), options, ecrPublicRead, progress);
        return new Result(planned, inLockOrder(planned, copied, pins.failures()), pins.pinned(), pinnedInto,
                Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * The pins go into the lock file as it is on disk (the run's lock has this run's source mirrors in its files'
     * sources, which are not the lock's); only images still unpinned there are changed.
     */
    private static void writeBack(Path file, Lock pinned) {
        Lock onDisk = LockFile.read(file);
        Map<String, LockedImage> byReference = new LinkedHashMap<>();
        pinned.images().forEach(i -> byReference.put(i.reference(), i));
        List<LockedImage> images = onDisk.images().stream()
                .map(i -> i.isResolved() ? i : Optional.ofNullable(byReference.get(i.reference())).filter(LockedImage::isResolved).orElse(i))
                .toList();
        LockFile.write(onDisk.withImages(images), file);
    }

    /** The copy's results and the images that could not even be pinned, in the order of the planned names. */
    private static CopyReport inLockOrder(Planned planned, CopyReport copied, List<FailureGroups.Failure> unread) {
        Map<String, ImageResult> byName = new LinkedHashMap<>();
        copied.images().forEach(r -> byName.put(r.name(), r));
        for (FailureGroups.Failure f : unread) {
            byName.put(f.subject(), new ImageResult(f.subject(), planned.target().describe(), ImageResult.Status.FAILED, Optional.empty(),
                    Optional.empty(), List.of(), Optional.of(f.error())));
        }
        List<ImageResult> ordered = planned.mappings().stream().map(m -> byName.get(m.canonical())).filter(java.util.Objects::nonNull).toList();
        return new CopyReport(ordered, copied.blobsCopied(), copied.blobsMounted(), copied.blobsPresent(), copied.bytesCopied());
    }
}
