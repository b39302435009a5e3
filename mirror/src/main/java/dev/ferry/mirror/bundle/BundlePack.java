package dev.ferry.mirror.bundle;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.lock.Lock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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

    public static BundleWriter.Result pack(Lock lock, byte[] lockBytes, Path output, BundleWriter.Options options, int jobs,
                                           Source source, String createdBy, BundleProgress progress) {
        List<BundleWriter.Input> inputs = fetchAll(lock, jobs, source);
        return BundleWriter.write(output, options, lockBytes, lock.layout(), inputs, createdBy, progress);
    }

    /** Every asset of the lock, fetched and verified {@code jobs} at a time; all failures are named together. */
    public static List<BundleWriter.Input> fetchAll(Lock lock, int jobs, Source source) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, jobs), r -> {
            Thread t = new Thread(r, "ferry-pack-fetch");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Verified>> futures = new ArrayList<>();
            for (Asset a : lock.assets()) {
                futures.add(pool.submit(() -> source.fetch(a)));
            }
            List<BundleWriter.Input> inputs = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (int i = 0; i < futures.size(); i++) {
                Asset a = lock.assets().get(i);
                try {
                    Verified v = futures.get(i).get();
                    String from = a.hash() instanceof ExpectedHash.Known k ? k.provenance().id() : "upstream-sidecar";
                    inputs.add(new BundleWriter.Input(v.file(), new BundleAsset(a.key(lock.layout()), v.digests().size(), v.digests().sha256(), from)));
                } catch (ExecutionException e) {
                    Throwable c = e.getCause();
                    failures.add(a.key(lock.layout()) + ": " + c.getMessage());
                    if (failures.size() == 1 && !(c instanceof FerryException)) {
                        failures.set(0, failures.get(0) + " (" + c.getClass().getSimpleName() + ")");
                    }
                }
            }
            if (!failures.isEmpty()) {
                throw new FerryException(failures.size() + " of " + lock.assets().size() + " assets could not be fetched and verified, so no bundle was written: "
                        + String.join("; ", failures), "fix the network or the lock and run pack again; verified downloads are kept in the cache",
                        FerryException.FAILED, null);
            }
            return inputs;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted", null);
        } finally {
            pool.shutdownNow();
        }
    }
}
