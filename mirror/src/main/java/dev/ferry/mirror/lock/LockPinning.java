package dev.ferry.mirror.lock;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FailureGroups;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Pins what a lock leaves to upstream sidecars ({@code plan --resolve}, {@code lock pin}): each unpinned asset's
 * checksum file is read once and its hash written into the lock ({@code hash.from: upstream-sidecar} with the
 * sidecar's URL), so every later sync, pack and push checks the bytes against the reviewed lock, not against
 * whatever the upstream says that day.
 */
public final class LockPinning {

    /**
     * @param lock     the lock with every hash that could be read pinned
     * @param pinned   how many hashes were pinned now
     * @param failures the assets whose checksum file could not be read, by key
     */
    public record Result(Lock lock, int pinned, List<FailureGroups.Failure> failures) {
        public Result {
            failures = List.copyOf(failures);
        }
    }

    private LockPinning() {}

    /** Reads the upstream hash of every unpinned asset through {@code upstream}, {@code jobs} at a time. */
    public static Result pin(Lock lock, Function<Asset, Hash> upstream, int jobs) {
        List<Asset> assets = lock.assets();
        record Read(Asset asset, Optional<FerryException> failure) {}
        List<Read> reads = new ParallelMap(Math.max(1, jobs), "ferry-pin").map(assets, a -> {
            if (!(a.hash() instanceof ExpectedHash.FromSidecar sidecar)) {
                return new Read(a, Optional.empty());
            }
            try {
                return new Read(a.withHash(sidecar.pinned(upstream.apply(a))), Optional.empty());
            } catch (FerryException e) {
                return new Read(a, Optional.of(e));
            }
        });
        List<Asset> out = new ArrayList<>();
        List<FailureGroups.Failure> failures = new ArrayList<>();
        int pinned = 0;
        for (int i = 0; i < reads.size(); i++) {
            Read r = reads.get(i);
            out.add(r.asset());
            r.failure().ifPresent(e -> failures.add(new FailureGroups.Failure(r.asset().key(lock.layout()), e)));
            if (r.asset().hash().isPinned() && !assets.get(i).hash().isPinned()) {
                pinned++;
            }
        }
        return new Result(lock.withAssets(out), pinned, failures);
    }
}
