package dev.ferry.cli.mirror;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FailureGroups;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockedImage;
import dev.ferry.registry.ImageResolver;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.ResolvedImage;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Platform;
import dev.ferry.registry.ref.ImageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Pins the lock's images as the lock's hashes of files are pinned ({@code plan --resolve}, {@code lock pin}, and
 * the first {@code sync --registry}): each image not yet resolved has its manifest or index read from its sources
 * and its digest, media type and platforms written into the lock. One the lock already pins (a digest from a
 * manifest) must still be served with that digest.
 */
final class ImagePins {
    /**
     * @param lock     the lock with every image that could be read pinned
     * @param pinned   images pinned (or completed) now
     * @param failures images that could not be read, by reference
     */
    record Result(Lock lock, int pinned, List<FailureGroups.Failure> failures) {
        Result {
            failures = List.copyOf(failures);
        }
    }

    private ImagePins() {}

    /** The lock's images as the registry engine takes them: the canonical name, and the pinned digest. */
    static List<ImageRequest> requests(List<LockedImage> images) {
        return images.stream().map(i -> new ImageRequest(i.reference(), i.digest().map(Digest::parse))).toList();
    }

    static Result pin(Lock lock, RegistryAccess access, int jobs) {
        ImageResolver resolver = new ImageResolver(access);
        record Read(LockedImage image, Optional<FerryException> failure) {}
        List<Read> reads = new ParallelMap(Math.max(1, jobs), "ferry-image-pin").map(lock.images(), i -> {
            if (i.isResolved()) {
                return new Read(i, Optional.empty());
            }
            try {
                ResolvedImage r = resolver.resolve(requests(List.of(i)).get(0));
                return new Read(i.pinned(r.digest().toString(), r.mediaType(), r.platforms().stream().map(Platform::toString).toList()),
                        Optional.empty());
            } catch (FerryException e) {
                return new Read(i, Optional.of(e));
            }
        });
        List<LockedImage> out = new ArrayList<>();
        List<FailureGroups.Failure> failures = new ArrayList<>();
        int pinned = 0;
        for (int n = 0; n < reads.size(); n++) {
            Read r = reads.get(n);
            out.add(r.image());
            r.failure().ifPresent(e -> failures.add(new FailureGroups.Failure(r.image().reference(), e)));
            pinned += r.image().isResolved() && !lock.images().get(n).isResolved() ? 1 : 0;
        }
        return new Result(lock.withImages(out), pinned, failures);
    }
}
