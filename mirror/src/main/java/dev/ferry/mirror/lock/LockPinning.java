package dev.ferry.mirror.lock;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FailureGroups;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.SignatureStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * Pins what a lock leaves to upstream sidecars ({@code plan --resolve}, {@code lock pin}): each unpinned asset's
 * checksum file is read once and its hash written into the lock ({@code hash.from: upstream-sidecar} with the
 * sidecar's URL), so every later sync, pack and push checks the bytes against the reviewed lock, not against
 * whatever the upstream says that day. With {@link #pinAndCheck}, what the pinned hash lets be verified of the
 * asset's upstream signature is recorded too ({@code signature:}).
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
        return update(lock, a -> pinned(a, upstream), jobs);
    }

    /**
     * Pins the asset's hash through {@code upstream} when the lock leaves it to its sidecar, then records what
     * {@code signatures} verifies of its signature with that hash ({@code plan --resolve}, {@code lock pin}).
     */
    public static Result pinAndCheck(Lock lock, Function<Asset, Hash> upstream, Function<Asset, SignatureStatus> signatures, int jobs) {
        return update(lock, a -> {
            Asset pinned = pinned(a, upstream);
            return pinned.withSignature(signatures.apply(pinned));
        }, jobs);
    }

    private static Asset pinned(Asset a, Function<Asset, Hash> upstream) {
        return a.hash() instanceof ExpectedHash.FromSidecar sidecar ? a.withHash(sidecar.pinned(upstream.apply(a))) : a;
    }

    /** {@code step} applied to every asset, {@code jobs} at a time; an asset whose step fails stays as it was, its failure named. */
    private static Result update(Lock lock, UnaryOperator<Asset> step, int jobs) {
        List<Asset> assets = lock.assets();
        record Read(Asset asset, Optional<FerryException> failure) {}
        List<Read> reads = new ParallelMap(Math.max(1, jobs), "ferry-pin").map(assets, a -> {
            try {
                return new Read(step.apply(a), Optional.empty());
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
