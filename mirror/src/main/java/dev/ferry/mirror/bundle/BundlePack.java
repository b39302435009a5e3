package dev.ferry.mirror.bundle;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FailureGroups;
import dev.ferry.error.FerryException;
import dev.ferry.error.ManyFailures;
import dev.ferry.error.NetworkFailure;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.fetch.CachedFile;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.store.FolderStore;
import dev.ferry.mirror.sync.CompressedTwin;
import dev.ferry.progress.Progress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Makes a bundle from a lock: first every asset is fetched and verified ({@code jobs} at a time, through
 * the same verified path and cache as sync), then the bundle is written in one streaming pass from the
 * verified files. Nothing is written until every asset is verified, so a failed download leaves no bundle.
 */
public final class BundlePack {

    /** The verified path: a file whose bytes matched the asset's expected hash, with the digests computed then. */
    @FunctionalInterface
    public interface Source {
        Verified fetch(Asset asset);
    }

    public record Verified(Path file, Digests digests) {}

    private BundlePack() {}

    /**
     * Fetches and verifies every asset of {@code lock} through {@code fetcher}, then writes the bundle, with {@code images}
     * (already copied and checked into an OCI layout) after the files.
     */
    public static BundleWriter.Result pack(Lock lock, byte[] lockBytes, Path output, BundleWriter.Options options, int jobs,
                                           Fetcher fetcher, BundleImages images, String createdBy, Progress progress) {
        try (FolderStore folder = new FolderStore(output.toAbsolutePath().getParent())) {
            folder.checkWritable(); // a bundle that cannot be written fails before any download, not after all of them
        }
        List<BundleWriter.Input> inputs;
        try (Progress downloads = progress.child("downloading")) {
            downloads.plan(lock.assets().size(), "files", lock.assets().stream().mapToLong(a -> a.size().orElse(0)).sum());
            inputs = fetchAll(lock, jobs, verifiedBy(fetcher, lock, downloads));
        }
        return BundleWriter.write(output, options, lockBytes, lock.layout(), inputs, images, createdBy, progress);
    }

    /** Fetches and verifies every asset of {@code lock} through {@code source}, then writes the bundle. */
    public static BundleWriter.Result pack(Lock lock, byte[] lockBytes, Path output, BundleWriter.Options options, int jobs,
                                           Source source, String createdBy, Progress progress) {
        List<BundleWriter.Input> inputs = fetchAll(lock, jobs, source);
        return BundleWriter.write(output, options, lockBytes, lock.layout(), inputs, createdBy, progress);
    }

    /**
     * The verified path of sync's fetcher. A cache hit is not re-read here (sync re-reads it once per run): the
     * pack's one pass hashes the bytes as they go into the bundle and refuses any that differ from the verified
     * sha256. A nodeup.xz must decompress to the nodeup the lock names, and upstream signatures must verify.
     */
    static Source verifiedBy(Fetcher fetcher, Lock lock, Progress downloads) {
        CompressedTwin twins = new CompressedTwin(lock.assets());
        return asset -> {
            try (Progress file = downloads.child(asset.key(lock.layout()))) {
                CachedFile f = fetcher.cache().find(fetcher.expectedHash(asset)).orElseGet(() -> fetcher.fetch(asset, Set.of()));
                twins.twinOf(asset).ifPresent(twin -> CompressedTwin.check(asset, f.path(), twin, fetcher::expectedHash));
                fetcher.checkSignatures(asset, f); // a refused signature fails the asset, so no bundle is written
                return new Verified(f.path(), f.digests());
            }
        };
    }

    /** Every asset of the lock, fetched and verified {@code jobs} at a time; all failures are named together. */
    public static List<BundleWriter.Input> fetchAll(Lock lock, int jobs, Source source) {
        List<Attempt> attempts = new ParallelMap(Math.max(1, jobs), "ferry-pack-fetch").map(lock.assets(), a -> {
            try {
                return new Attempt(Optional.of(source.fetch(a)), Optional.empty());
            } catch (RuntimeException e) {
                return new Attempt(Optional.empty(), Optional.of(e));
            }
        });
        List<BundleWriter.Input> inputs = new ArrayList<>();
        List<FailureGroups.Failure> failures = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            Asset a = lock.assets().get(i);
            Attempt at = attempts.get(i);
            if (at.verified().isPresent()) {
                Verified v = at.verified().get();
                String from = a.hash() instanceof ExpectedHash.Known k ? k.provenance().id() : "upstream-sidecar";
                inputs.add(new BundleWriter.Input(v.file(), new BundleAsset(a.key(lock.layout()), v.digests().size(), v.digests().sha256(), from)));
            } else {
                RuntimeException c = at.failure().orElseThrow();
                FerryException typed = c instanceof FerryException f ? f : new FerryException("unexpected failure fetching "
                        + a.url() + ": " + NetworkFailure.withoutClassNames(String.valueOf(c.getMessage())), "this is a bug in Ferry; please report it",
                        FerryException.FAILED, c);
                failures.add(new FailureGroups.Failure(a.key(lock.layout()), typed));
            }
        }
        if (!failures.isEmpty()) {
            throw new ManyFailures(failures.size() + " of " + Sizes.count(lock.assets().size(), "asset") + " could not be fetched and verified,"
                    + " so no bundle was written", "run pack again once the causes are fixed; verified downloads are kept in the cache", failures);
        }
        return inputs;
    }

    /** One asset's fetch: verified, or the failure that stopped it. */
    private record Attempt(Optional<Verified> verified, Optional<RuntimeException> failure) {}
}
