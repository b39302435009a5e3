package dev.ferry.mirror.sync;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.fetch.LocalUpstream;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.store.FolderStore;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.StoredObject;
import dev.ferry.mirror.sync.SyncOutcome.Status;
import dev.ferry.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publishing into a folder mirror from a local upstream: the publishing rule, skips, collisions, dry runs, failures. */
class SyncTest {
    static final byte[] KUBELET = bytes(150_000, 1);
    static final byte[] KUBECTL = bytes(90_000, 2);
    static final String KUBELET_KEY = "release/v1.30.0/bin/linux/amd64/kubelet";
    static final String KUBECTL_KEY = "release/v1.30.0/bin/linux/amd64/kubectl";

    @TempDir
    Path tmp;

    LocalUpstream upstream;
    RecordingStore store;

    @BeforeEach
    void setUp() {
        upstream = LocalUpstream.start();
        upstream.serve("/" + KUBELET_KEY, KUBELET).serve("/" + KUBECTL_KEY, KUBECTL);
        store = new RecordingStore(new FolderStore(tmp.resolve("mirror")));
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    static byte[] bytes(int size, int seed) {
        byte[] b = new byte[size];
        new Random(seed).nextBytes(b);
        return b;
    }

    Asset kubelet() {
        return LocalUpstream.pinned(upstream.url("/" + KUBELET_KEY), KUBELET);
    }

    Asset kubectl() {
        return LocalUpstream.pinned(upstream.url("/" + KUBECTL_KEY), KUBECTL);
    }

    /** One run: its own fetcher over the cache folder {@code cache}. */
    SyncReport sync(MirrorStore target, String cache, boolean dryRun, List<Asset> assets) {
        try (Fetcher fetcher = new Fetcher(LocalUpstream.fetchOptions(tmp.resolve(cache)), Progress.none())) {
            return new Sync(target, fetcher, new SyncOptions(Layout.KOPS, 2, dryRun, false), Progress.none()).run(assets);
        }
    }

    SyncReport sync(List<Asset> assets) {
        return sync(store, "cache", false, assets);
    }

    Path mirror(String key) {
        return tmp.resolve("mirror").resolve(key);
    }

    static List<Status> statuses(SyncReport r) {
        return r.outcomes().stream().map(SyncOutcome::status).toList();
    }

    @Test
    void aFolderGetsTheObjectAndASidecarHoldingItsSha256() throws IOException {
        try (FolderStore folder = new FolderStore(tmp.resolve("mirror"))) {
            SyncReport r = sync(folder, "cache", false, List.of(kubelet(), kubectl()));
            assertEquals(List.of(Status.PUBLISHED, Status.PUBLISHED), statuses(r));
            assertEquals(KUBELET.length + KUBECTL.length, r.bytesPublished());
        }
        assertArrayEquals(KUBELET, Files.readAllBytes(mirror(KUBELET_KEY)));
        assertEquals(LocalUpstream.sha256(KUBELET).hex(), Files.readString(mirror(KUBELET_KEY + ".sha256")));
        assertArrayEquals(KUBECTL, Files.readAllBytes(mirror(KUBECTL_KEY)));
    }

    @Test
    void theObjectIsWrittenBeforeItsSidecarAndAStaleSidecarIsWithdrawnFirst() {
        sync(List.of(kubelet()));
        assertEquals(List.of("put " + KUBELET_KEY, "text " + KUBELET_KEY + ".sha256"), store.events());

        store.putText(KUBELET_KEY + ".sha256", "00".repeat(32)); // a sidecar from another version
        store.clear();
        SyncReport again = sync(List.of(kubelet()));
        assertEquals(List.of(Status.PUBLISHED), statuses(again));
        assertEquals(List.of("delete " + KUBELET_KEY + ".sha256", "put " + KUBELET_KEY, "text " + KUBELET_KEY + ".sha256"), store.events());
    }

    @Test
    void aReRunSkipsWithoutAskingTheServer() {
        sync(List.of(kubelet(), kubectl()));
        int served = upstream.requests().size();
        store.clear();
        SyncReport again = sync(store, "fresh-cache", false, List.of(kubelet(), kubectl()));
        assertEquals(List.of(Status.SKIPPED, Status.SKIPPED), statuses(again));
        assertEquals(served, upstream.requests().size(), "no request, not even for a cache that is empty");
        assertEquals(List.of(), store.events());
    }

    @Test
    void anObjectOfTheWrongSizeUnderAMatchingSidecarIsPublishedAgain() throws IOException {
        sync(List.of(kubelet()));
        mirror(KUBELET_KEY).toFile().setWritable(true);
        Files.write(mirror(KUBELET_KEY), new byte[] {1, 2, 3}); // truncated by something else; the sidecar still matches
        store.clear();
        SyncReport again = sync(List.of(kubelet()));
        assertEquals(List.of(Status.PUBLISHED), statuses(again));
        assertArrayEquals(KUBELET, Files.readAllBytes(mirror(KUBELET_KEY)));
        assertTrue(store.events().contains("put " + KUBELET_KEY), store.events().toString());
    }

    @Test
    void twoUrlsOnOneKeyAreRefusedBeforeAnythingIsWritten() {
        Asset other = LocalUpstream.pinned(upstream.url("/elsewhere/kubelet"), KUBECTL).withKeys(kubelet().keys());
        assertThrows(BadInput.class, () -> sync(List.of(kubelet(), kubectl(), other)));
        assertEquals(List.of(), store.events());
        assertEquals(List.of(), upstream.requests());
        assertEquals(List.of(), store.list());
    }

    @Test
    void theSameAssetTwiceIsPublishedOnce() {
        SyncReport r = sync(List.of(kubelet(), kubelet()));
        assertEquals(List.of(Status.PUBLISHED), statuses(r));
    }

    @Test
    void aDryRunWritesNothingAndSaysWhatWouldFail() {
        Asset missing = LocalUpstream.pinned(upstream.url("/missing/kubelet"), KUBELET);
        SyncReport r = sync(store, "cache", true, List.of(kubelet(), missing));
        assertTrue(r.dryRun());
        assertEquals(List.of(Status.PUBLISHED, Status.FAILED), statuses(r));
        assertEquals(List.of(), store.events());
        assertEquals(List.of(), store.list());
        assertFalse(Files.exists(tmp.resolve("cache/sha256")), "nothing downloaded into the cache either");
        assertEquals(List.of("HEAD"), upstream.requests().stream().map(LocalUpstream.Request::method).distinct().toList());
    }

    @Test
    void aFailedAssetDoesNotStopTheOthersAndSaysWhy() throws IOException {
        String missingUrl = upstream.url("/missing/kubelet");
        Asset missing = LocalUpstream.pinned(missingUrl, KUBELET);
        SyncReport r = sync(List.of(missing, kubectl()));
        assertEquals(List.of(Status.FAILED, Status.PUBLISHED), statuses(r));
        assertFalse(r.ok());
        String reason = r.failures().get(0).reason().orElseThrow();
        assertTrue(reason.contains(missingUrl) && reason.contains("404"), reason);
        assertArrayEquals(KUBECTL, Files.readAllBytes(mirror(KUBECTL_KEY)));
        assertEquals(List.of(KUBECTL_KEY, KUBECTL_KEY + ".sha256"), store.list());
    }

    /**
     * A folder store that records each write in order. It keeps the interface's own publish (sidecar withdrawn,
     * object, sidecar), the one S3 uses, so the order of writes is visible.
     */
    static final class RecordingStore implements MirrorStore {
        private final FolderStore folder;
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());

        RecordingStore(FolderStore folder) {
            this.folder = folder;
        }

        List<String> events() {
            synchronized (events) {
                return List.copyOf(events);
            }
        }

        void clear() {
            events.clear();
        }

        @Override
        public String describe() {
            return folder.describe();
        }

        @Override
        public Optional<StoredObject> stat(String key) {
            return folder.stat(key);
        }

        @Override
        public Optional<String> readText(String key) {
            return folder.readText(key);
        }

        @Override
        public InputStream open(String key) {
            return folder.open(key);
        }

        @Override
        public StoredObject put(String key, Path file, Digests digests) {
            events.add("put " + key);
            return folder.put(key, file, digests);
        }

        @Override
        public void putText(String key, String text) {
            events.add("text " + key);
            folder.putText(key, text);
        }

        @Override
        public void delete(String key) {
            events.add("delete " + key);
            folder.delete(key);
        }

        @Override
        public List<String> list() {
            return folder.list();
        }

        @Override
        public void close() {
            folder.close();
        }
    }
}
