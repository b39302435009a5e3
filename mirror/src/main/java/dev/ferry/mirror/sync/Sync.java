package dev.ferry.mirror.sync;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FerryException;
import dev.ferry.error.NetworkFailure;
import dev.ferry.error.Unreachable;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Sidecar;
import dev.ferry.mirror.asset.SignatureStatus;
import dev.ferry.mirror.fetch.CachedFile;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.StoredObject;
import dev.ferry.mirror.store.WriteCheck;
import dev.ferry.progress.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Publishes assets into a mirror store: for each asset, skip it when the target's sidecar already
 * matches (giving it the ACL asked for when its own differs); otherwise fetch it verified, check its upstream
 * signatures ({@code --verify-signatures}), withdraw a stale sidecar, write the object, then the sidecar. The store
 * is checked once (it exists; it takes writes, before the first download), so a target that refuses is one error;
 * assets run in parallel and fail alone: everything that succeeded stays published.
 */
public final class Sync {
    private final MirrorStore store;
    private final Fetcher fetcher;
    private final SyncOptions options;
    private final Progress progress;
    private final Set<HashAlgorithm> digestsToCompute;

    public Sync(MirrorStore store, Fetcher fetcher, SyncOptions options, Progress progress) {
        this.store = store;
        this.fetcher = fetcher;
        this.options = options;
        this.progress = progress;
        // Only what the sidecar and the store need: md5 costs more CPU than sha256, so folders skip it.
        this.digestsToCompute = store.digestsToPublish(options.layout());
    }

    public SyncReport run(List<Asset> all) {
        List<Asset> assets = refuseCollisions(all);
        store.checkExists();
        WriteCheck writable = new WriteCheck(store);
        CompressedTwin twins = new CompressedTwin(assets);
        long start = System.nanoTime();
        progress.plan(assets.size(), "files", assets.stream().mapToLong(a -> a.size().orElse(0)).sum());
        List<SyncOutcome> outcomes = new ArrayList<>(assets.size());
        new ParallelMap(Math.min(options.jobs(), Math.max(1, assets.size())), "ferry-sync").inOrder(assets, a -> one(a, twins, writable), outcomes::add);
        writable.refused().ifPresent(e -> {
            throw e; // a target that refuses writes is one failure, not one per asset
        });
        return new SyncReport(store.describe(), options.dryRun(), outcomes, Duration.ofNanos(System.nanoTime() - start));
    }

    private SyncOutcome one(Asset asset, CompressedTwin twins, WriteCheck writable) {
        String key = asset.key(options.layout());
        try (Progress file = progress.child(key)) {
            return options.dryRun() ? plan(asset, key) : publish(asset, key, twins, writable);
        } catch (FerryException e) {
            return SyncOutcome.failed(asset, key, e);
        } catch (RuntimeException e) {
            return SyncOutcome.failed(asset, key, new FerryException("unexpected failure publishing " + key + ": "
                    + NetworkFailure.withoutClassNames(String.valueOf(e.getMessage())), "this is a bug in Ferry; please report it", FerryException.FAILED, e));
        }
    }

    private SyncOutcome publish(Asset asset, String key, CompressedTwin twins, WriteCheck writable) {
        Layout layout = options.layout();
        String sidecarKey = layout.sidecarKey(key);
        Optional<String> current = store.readText(sidecarKey).map(Sidecar::firstField);
        if (!options.force() && current.isPresent() && alreadyPublished(asset, key, current.get())) {
            return skip(asset, key);
        }
        writable.beforeFirstWrite();
        CachedFile file = fetcher.fetch(asset, digestsToCompute);
        twins.twinOf(asset).ifPresent(twin -> CompressedTwin.check(asset, file.path(), twin, fetcher::expectedHash));
        SignatureStatus signature = fetcher.checkSignatures(asset, file); // a refused signature fails the asset here, before any write
        Hash sidecar = file.digests().get(layout.sidecarAlgorithm()).orElseThrow();
        if (!options.force() && current.isPresent() && current.get().equals(sidecar.hex())
                && objectMatches(key, OptionalLong.of(file.digests().size()), file.digests().sha256())) {
            return skip(asset, key, signature);
        }
        // An old sidecar is withdrawn before the object is replaced, so no reader ever sees a sidecar that lies.
        store.publish(key, file.path(), file.digests(), sidecarKey, sidecar.hex(), current.isPresent());
        return SyncOutcome.published(asset, key, file.digests().size(), Optional.empty(), signature);
    }

    /** Skipped without a download: its signature is not checked again, and an unsigned one is still refused when required. */
    private SyncOutcome skip(Asset asset, String key) {
        return skip(asset, key, fetcher.uncheckedSignatures(asset));
    }

    /**
     * An asset already published: skipped, and given the ACL asked for when the object's or its sidecar's differs
     * (a mirror synced private and synced again with {@code --acl public-read} becomes readable).
     */
    private SyncOutcome skip(Asset asset, String key, SignatureStatus signature) {
        String sidecarKey = options.layout().sidecarKey(key);
        if (!store.aclDiffers(key) && !store.aclDiffers(sidecarKey)) {
            return SyncOutcome.skipped(asset, key, "sidecar matches", false, signature);
        }
        String acl = store.acl().orElse("");
        if (options.dryRun()) {
            return SyncOutcome.skipped(asset, key, "sidecar matches; would set the ACL to " + acl, true, signature);
        }
        store.setAcl(key);
        store.setAcl(sidecarKey);
        return SyncOutcome.skipped(asset, key, "sidecar matches; ACL set to " + acl, true, signature);
    }

    private SyncOutcome plan(Asset asset, String key) {
        Layout layout = options.layout();
        Optional<String> current = store.readText(layout.sidecarKey(key)).map(Sidecar::firstField);
        Hash want = fetcher.expectedHash(asset); // fails here when no hash can be established
        if (!options.force() && current.isPresent() && alreadyPublished(asset, key, current.get())) {
            return skip(asset, key);
        }
        SignatureStatus signature = fetcher.uncheckedSignatures(asset); // checked over the bytes by the real run
        if (fetcher.cache().find(want).isPresent()) {
            return SyncOutcome.published(asset, key, asset.size().orElse(0), Optional.of("from the cache"), signature);
        }
        Optional<Unreachable> unreachable = fetcher.unreachable(asset);
        if (unreachable.isPresent()) {
            return SyncOutcome.failed(asset, key, unreachable.get());
        }
        return SyncOutcome.published(asset, key, asset.size().orElse(0), Optional.empty(), signature);
    }

    /**
     * kOps's "already done" rule (the sidecar holds the hash), and more, without downloading: the object is
     * there with the size the lock gives, or else the verified copy in the cache has; and where the store
     * recorded a sha256 for it (S3 metadata), that one too.
     */
    private boolean alreadyPublished(Asset asset, String key, String sidecarHex) {
        Optional<Hash> sidecar = sidecarHashWithoutDownload(asset);
        if (sidecar.isEmpty() || !sidecar.get().hex().equals(sidecarHex)) {
            return false;
        }
        Hash want = fetcher.expectedHash(asset);
        OptionalLong size = asset.size().isPresent() ? asset.size()
                : fetcher.cache().find(want).map(f -> OptionalLong.of(f.digests().size())).orElse(OptionalLong.empty());
        return objectMatches(key, size, want);
    }

    private boolean objectMatches(String key, OptionalLong size, Hash want) {
        Optional<StoredObject> object = store.stat(key);
        return object.isPresent()
                && (size.isEmpty() || object.get().size() == size.getAsLong())
                && (want.algorithm() != HashAlgorithm.SHA256 || object.get().sha256().map(want.hex()::equalsIgnoreCase).orElse(true));
    }

    /** The hash the target's sidecar must hold, when it is known without downloading the asset. */
    private Optional<Hash> sidecarHashWithoutDownload(Asset asset) {
        HashAlgorithm alg = options.layout().sidecarAlgorithm();
        Hash want = fetcher.expectedHash(asset);
        if (want.algorithm() == alg) {
            return Optional.of(want);
        }
        return fetcher.cache().find(want).flatMap(f -> f.digests().get(alg));
    }


    /** The assets with duplicates dropped; two different URLs on one key are refused before anything is written. */
    private List<Asset> refuseCollisions(List<Asset> assets) {
        Map<String, String> seen = new HashMap<>();
        List<Asset> distinct = new ArrayList<>();
        for (Asset a : assets) {
            String key = a.key(options.layout());
            String other = seen.putIfAbsent(key, a.url());
            if (other == null) {
                distinct.add(a);
            } else if (!other.equals(a.url())) {
                throw FerryException.badInput("two assets would share the mirror key " + key + ": " + other + " and " + a.url(),
                        "give one of them its own key in the manifest (key: …), or mirror them in separate prefixes");
            }
        }
        return distinct;
    }
}
