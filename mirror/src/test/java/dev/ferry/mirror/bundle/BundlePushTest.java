package dev.ferry.mirror.bundle;

import dev.ferry.progress.Progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.store.FolderStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** push into a real folder store: verify first, object then sidecar, skip what matches, refuse what does not. */
class BundlePushTest {
    @TempDir
    Path dir;

    private final Map<String, byte[]> content = new LinkedHashMap<>();
    private Lock lock;
    private byte[] lockBytes;
    private Path bundle;

    @BeforeEach
    void packed() throws IOException {
        Random r = new Random(7);
        for (String key : List.of("release/v1.30.0/bin/linux/amd64/kubelet", "release/v1.30.0/bin/linux/arm64/kubelet",
                "binaries/kops/1.30.4/linux/amd64/nodeup")) {
            byte[] b = new byte[200_000 + r.nextInt(100_000)];
            r.nextBytes(b);
            content.put(key, b);
        }
        StringBuilder sb = new StringBuilder("lockVersion: 1\ngeneratedBy: test\nlayout: kops\nselections: []\nassets:\n");
        for (Map.Entry<String, byte[]> e : content.entrySet()) {
            sb.append("- url: https://example.test/").append(e.getKey()).append('\n')
              .append("  kind: kubelet\n  arch: amd64\n  version: 1.30.0\n  keys:\n")
              .append("    kops: ").append(e.getKey()).append('\n')
              .append("    legacy: kubernetes/").append(e.getKey()).append('\n');
            if (e.getKey().contains("nodeup")) {
                // hash read from the upstream sidecar at pack time: only the bundle header knows it
                sb.append("  hash:\n    from: upstream-sidecar\n    sidecar: https://example.test/").append(e.getKey()).append(".sha256\n");
            } else {
                sb.append("  hash:\n    sha256: ").append(BundleTest.sha256(e.getValue()).hex()).append("\n    from: pinned\n");
            }
        }
        lockBytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        lock = LockFile.parse(sb.toString(), "test.lock");
        bundle = dir.resolve("b.tar.zst");
        BundlePack.pack(lock, lockBytes, bundle, new BundleWriter.Options(3, OptionalLong.empty(), 0), 2, asset -> {
            byte[] b = content.get(asset.key(Layout.KOPS));
            Path f = dir.resolve("cache").resolve(BundleTest.sha256(b).hex());
            try {
                Files.createDirectories(f.getParent());
                Files.write(f, b);
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
            return new BundlePack.Verified(f, digests(b));
        }, "ferry test", Progress.none());
    }

    static Digests digests(byte[] b) {
        return new Digests(b.length, BundleTest.sha256(b), Optional.of(Hash.of(HashAlgorithm.MD5, HashAlgorithm.MD5.newDigest().digest(b))),
                Optional.of(Hash.of(HashAlgorithm.SHA1, HashAlgorithm.SHA1.newDigest().digest(b))));
    }

    private BundlePush.Result push(FolderStore store, Optional<Layout> layout) throws IOException {
        return BundlePush.push(BundleSource.locate(bundle), store,
                new BundlePush.Options(layout, Optional.empty(), Optional.of(Files.createDirectories(dir.resolve("staging"))), 2), Progress.none());
    }

    @Test
    void publishesEveryAssetWithItsSidecarThenSkipsThemOnARerun() throws IOException {
        FolderStore store = new FolderStore(dir.resolve("mirror"));
        BundlePush.Result first = push(store, Optional.empty());
        assertEquals(List.of(), first.problems());
        assertEquals(3, first.published());
        for (Map.Entry<String, byte[]> e : content.entrySet()) {
            assertTrue(java.util.Arrays.equals(e.getValue(), Files.readAllBytes(dir.resolve("mirror").resolve(e.getKey()))), e.getKey());
            assertEquals(BundleTest.sha256(e.getValue()).hex(), store.readText(e.getKey() + ".sha256").orElseThrow().trim());
        }
        assertEquals(6, store.list().size(), "three objects, three sidecars, nothing else: " + store.list());

        BundlePush.Result again = push(store, Optional.empty());
        assertEquals(0, again.published());
        assertEquals(3, again.skipped());
    }

    @Test
    void aStaleSidecarIsReplacedAndTheObjectRewritten() throws IOException {
        FolderStore store = new FolderStore(dir.resolve("mirror"));
        String key = "release/v1.30.0/bin/linux/amd64/kubelet";
        byte[] old = "an older kubelet".getBytes(StandardCharsets.UTF_8);
        Path f = Files.write(dir.resolve("old"), old);
        store.put(key, f, digests(old));
        store.putText(key + ".sha256", BundleTest.sha256(old).hex());
        BundlePush.Result r = push(store, Optional.empty());
        assertEquals(3, r.published());
        assertEquals(BundleTest.sha256(content.get(key)).hex(), store.readText(key + ".sha256").orElseThrow().trim());
        assertEquals(content.get(key).length, Files.size(dir.resolve("mirror").resolve(key)));
    }

    @Test
    void theLegacyLayoutGetsSha1SidecarsUnderItsKeys() throws IOException {
        FolderStore store = new FolderStore(dir.resolve("legacy"));
        BundlePush.Result r = push(store, Optional.of(Layout.LEGACY));
        assertEquals(3, r.published());
        String key = "kubernetes/release/v1.30.0/bin/linux/amd64/kubelet";
        assertEquals(Hash.of(HashAlgorithm.SHA1, HashAlgorithm.SHA1.newDigest().digest(content.get("release/v1.30.0/bin/linux/amd64/kubelet"))).hex(),
                store.readText(key + ".sha1").orElseThrow().trim());
        assertFalse(store.list().stream().anyMatch(k -> k.endsWith(".sha256")), "no mixing of sha1 and sha256 sidecars");
        assertEquals(3, push(store, Optional.of(Layout.LEGACY)).skipped(), "sha1 sidecars are compared after reading");
    }

    @Test
    void aDifferentReviewedLockIsRefusedBeforeAnythingIsPublished() throws IOException {
        FolderStore store = new FolderStore(dir.resolve("mirror"));
        byte[] edited = new String(lockBytes, StandardCharsets.UTF_8).replace("version: 1.30.0", "version: 1.30.1").getBytes(StandardCharsets.UTF_8);
        FerryException e = assertThrows(FerryException.class, () -> BundlePush.push(BundleSource.locate(bundle), store,
                new BundlePush.Options(Optional.empty(), Optional.of(edited), Optional.of(dir), 1), Progress.none()));
        assertTrue(e.getMessage().startsWith("the bundle carries a different lock than the one given with --lock"), e.getMessage());
        assertEquals(List.of(), store.list());
    }
}
