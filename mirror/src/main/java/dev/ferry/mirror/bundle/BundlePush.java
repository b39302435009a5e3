package dev.ferry.mirror.bundle;

import dev.ferry.concurrent.BoundedWork;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Sidecar;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.WriteCheck;
import dev.ferry.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Publishes a bundle into a mirror store. Every asset's bytes are checked against the lock while they
 * stream out of the bundle, and only then published, object first and sidecar after; an asset whose
 * sidecar in the store already matches is left alone, so an interrupted push can simply be run again.
 * Uploads run on {@code jobs} threads while the bundle keeps streaming; at most {@code jobs} assets are
 * staged on disk at a time.
 */
public final class BundlePush {

    /**
     * @param layout      publish under this layout's keys and sidecars (default: the layout the bundle was packed with)
     * @param reviewedLock when given, the bundle's lock must be byte-for-byte this one (the lock reviewed on this side)
     * @param staging     folder for assets between verification and upload (default: a temporary folder, removed after)
     * @param images      where the images' verified blobs go, as an OCI layout to push from; empty to only verify them
     */
    public record Options(Optional<Layout> layout, Optional<byte[]> reviewedLock, Optional<Path> staging, int jobs, Optional<Path> images) {
        public Options {
            if (jobs < 1) {
                throw FerryException.badInput("jobs must be at least 1, not " + jobs, null);
            }
        }

        public Options(Optional<Layout> layout, Optional<byte[]> reviewedLock, Optional<Path> staging, int jobs) {
            this(layout, reviewedLock, staging, jobs, Optional.empty());
        }
    }

    /**
     * What the push did. {@code problems} non-empty means exit 1: those entries were refused and not published.
     *
     * @param aclsSet  objects already there whose ACL (and their sidecars') was set to the one asked for
     * @param unpinned assets the carried lock does not pin: pack read their hash from the upstream sidecar
     * @param blobs    image blobs verified (and staged, when asked)
     */
    public record Result(BundleHeader header, Layout layout, int published, int skipped, int aclsSet, int unpinned, long publishedBytes,
                         long bundleBytes, int blobs, List<String> problems) {
        public Result {
            problems = List.copyOf(problems);
        }
    }

    private BundlePush() {}

    public static Result push(BundleSource source, MirrorStore store, Options options, Progress progress) {
        return push(source, Optional.of(store), options, progress);
    }

    /** Without a store, the files are verified only (a push of the images alone). */
    public static Result push(BundleSource source, Optional<MirrorStore> store, Options options, Progress progress) {
        store.ifPresent(MirrorStore::checkExists);
        try (BundleReader reader = BundleReader.open(source, progress)) {
            options.reviewedLock().ifPresent(expected -> {
                Hash want = BundleWriter.sha256(expected);
                if (!want.equals(reader.header().lockSha256())) {
                    throw new FerryException("the bundle carries a different lock than the one given with --lock: the bundle's has sha256 "
                            + reader.header().lockSha256().hex() + ", yours " + want.hex(),
                            "compare them with `ferry mirror inspect BUNDLE --lock-out bundle.lock` and diff; nothing was published");
                }
            });
            Layout layout = options.layout().orElse(reader.header().layout());
            Publisher publisher = new Publisher(store, layout, options.jobs(), options.images(), progress);
            BundleReader.Outcome outcome;
            try (StagingFolder staging = StagingFolder.of(options.staging())) {
                try {
                    outcome = reader.readAssets(publisher, staging.path(), progress);
                } finally {
                    publisher.finish(); // uploads read from the staging folder: they end before it goes
                }
            }
            return new Result(reader.header(), layout, publisher.published.get(), publisher.skipped.get(), publisher.aclsSet.get(),
                    publisher.unpinned.get(), publisher.bytes.get(), source.size(), outcome.blobsVerified(), outcome.problems());
        }
    }

    /** Decides skip or publish per asset, and publishes verified ones on a small pool. */
    private static final class Publisher implements AssetHandler {
        private final Optional<MirrorStore> target;
        private final MirrorStore store;
        private final Optional<Path> images;
        private final Layout layout;
        private final Progress progress;
        private final BoundedWork uploads;
        private final WriteCheck writable;
        private final List<Path> leftovers = Collections.synchronizedList(new ArrayList<>());
        final java.util.concurrent.atomic.AtomicInteger published = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger skipped = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger aclsSet = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.atomic.AtomicInteger unpinned = new java.util.concurrent.atomic.AtomicInteger();
        final AtomicLong bytes = new AtomicLong();

        Publisher(Optional<MirrorStore> target, Layout layout, int jobs, Optional<Path> images, Progress progress) {
            this.target = target;
            this.store = target.orElse(null);
            this.layout = layout;
            this.images = images;
            this.progress = progress;
            this.uploads = new BoundedWork(jobs, "ferry-push");
            this.writable = target.map(WriteCheck::new).orElse(null);
        }

        @Override
        public Set<HashAlgorithm> digestsNeeded() {
            return target.map(s -> s.digestsToPublish(layout)).orElse(Set.of());
        }

        @Override
        public Optional<Path> imagesFolder() {
            return images;
        }

        @Override
        public boolean wantsFile(Asset asset, BundleAsset entry) {
            uploads.rethrow();
            if (target.isEmpty()) {
                return false; // images alone: the files are verified, not published
            }
            if (!asset.hash().isPinned()) {
                unpinned.incrementAndGet();
            }
            Optional<Hash> expected = expectedSidecar(asset, entry);
            String key = asset.key(layout);
            if (expected.isPresent() && alreadyThere(key, store.readText(layout.sidecarKey(key)), expected.get(), entry.size())) {
                skip(key);
                progress.info("already in " + store.describe() + ": " + key);
                return false;
            }
            return true;
        }

        /** An asset already there: skipped, and given the ACL asked for when its own, or its sidecar's, differs. */
        private void skip(String key) {
            skipped.incrementAndGet();
            String sidecarKey = layout.sidecarKey(key);
            if (store.aclDiffers(key) || store.aclDiffers(sidecarKey)) {
                store.setAcl(key);
                store.setAcl(sidecarKey);
                aclsSet.incrementAndGet();
            }
        }

        /** The object is there with its size and a sidecar that says {@code hash}: kOps's own "already done" rule. */
        private boolean alreadyThere(String key, Optional<String> sidecar, Hash hash, long size) {
            return sidecar.map(s -> Sidecar.says(s, hash)).orElse(false) && store.stat(key).map(o -> o.size() == size).orElse(false);
        }

        /**
         * The sidecar hash the store should hold, when known before reading: the sha256 for the kops layout; for the
         * legacy layout's sha1 only when the lock pins one (otherwise it is compared after the bytes are read).
         */
        private Optional<Hash> expectedSidecar(Asset asset, BundleAsset entry) {
            if (layout.sidecarAlgorithm() == entry.sha256().algorithm()) {
                return Optional.of(entry.sha256());
            }
            if (asset.hash() instanceof dev.ferry.mirror.asset.ExpectedHash.Known k && k.hash().algorithm() == layout.sidecarAlgorithm()) {
                return Optional.of(k.hash());
            }
            return Optional.empty();
        }

        @Override
        public void verified(VerifiedAsset v) {
            if (v.file().isEmpty()) {
                return;
            }
            writable.beforeFirstWrite(); // a target that refuses writes stops the push at its first upload, once
            // The reader deletes its staged file when this returns; take it over under another name. At most jobs + 1
            // assets are staged at once: the uploads running, and this one waiting for a free upload.
            Path mine;
            try {
                mine = Files.move(v.file().get(), v.file().get().resolveSibling(v.file().get().getFileName() + ".upload"));
            } catch (IOException e) {
                throw new FerryException("cannot stage " + v.entry().key() + ": " + e.getMessage(), null, FerryException.FAILED, e);
            }
            leftovers.add(mine);
            uploads.submit(() -> publish(v, mine), () -> {
                try {
                    Files.deleteIfExists(mine);
                } catch (IOException ignored) {
                    // a staging leftover; the folder is temporary
                }
                leftovers.remove(mine);
            });
        }

        private void publish(VerifiedAsset v, Path file) {
            String key = v.asset().key(layout);
            String sidecarKey = layout.sidecarKey(key);
            Hash sidecar = v.digests().get(layout.sidecarAlgorithm()).orElseThrow();
            Optional<String> current = store.readText(sidecarKey); // read once: the skip test and the withdrawal both need it
            if (alreadyThere(key, current, sidecar, v.digests().size())) {
                skip(key);
                return;
            }
            // A sidecar left from an older object would vouch for the new one mid-upload: it is withdrawn first.
            store.publish(key, file, v.digests(), sidecarKey, sidecar.hex(), current.isPresent());
            published.incrementAndGet();
            bytes.addAndGet(v.digests().size());
        }

        @Override
        public void rejected(String entryName, String reason) {
            uploads.rethrow();
        }

        /** Waits for uploads in flight; the first upload failure becomes the push's failure. */
        void finish() {
            try {
                uploads.finish();
            } finally {
                uploads.close();
                for (Path p : List.copyOf(leftovers)) {
                    try {
                        Files.deleteIfExists(p);
                    } catch (IOException ignored) {
                        // temporary folder
                    }
                }
            }
        }

    }
}
