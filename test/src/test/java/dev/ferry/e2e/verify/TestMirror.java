package dev.ferry.e2e.verify;

import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.layout.KeyRules;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.store.MirrorStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import java.util.Set;

/** A small kOps-layout mirror with known bytes: a lock for it, and publishing through a real {@link MirrorStore}. */
final class TestMirror {
    /** Keys of the assets, in lock order. */
    static final List<String> URLS = List.of(
            "https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubelet",
            "https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubectl",
            "https://artifacts.k8s.io/binaries/kops/1.30.4/linux/amd64/nodeup",
            "https://artifacts.k8s.io/binaries/kops/1.30.4/linux/amd64/protokube",
            "https://github.com/opencontainers/runc/releases/download/v1.1.14/runc.amd64");

    final Map<String, byte[]> bytes = new LinkedHashMap<>();
    final Lock lock;
    final Path dir;
    final Path lockFile;

    /** @param sizes the assets' sizes in lock order, the last one repeated for the rest */
    TestMirror(Path dir, int... sizes) {
        this.dir = dir;
        Random random = new Random(42);
        List<Asset> assets = new ArrayList<>();
        for (int i = 0; i < URLS.size(); i++) {
            String url = URLS.get(i);
            int size = sizes[Math.min(i, sizes.length - 1)];
            byte[] b = new byte[size];
            random.nextBytes(b);
            String key = KeyRules.kopsKey(url);
            bytes.put(key, b);
            assets.add(new Asset(url, Optional.of(Arch.AMD64), new AssetKind(url.substring(url.lastIndexOf('/') + 1).replace(".amd64", "")),
                    "1.30.0", Map.of(Layout.KOPS, key, Layout.LEGACY, key),
                    new ExpectedHash.Known(hash(HashAlgorithm.SHA256, b), Provenance.PINNED), List.of(url), OptionalLong.of(size)));
        }
        lock = new Lock("ferry test", Layout.KOPS,
                List.of(new Selection("1.30.4", "1.30.0", "given", List.of(Arch.AMD64), Networking.OTHER, Set.of())), assets);
        try {
            Files.createDirectories(dir);
            lockFile = dir.resolve("ferry.lock");
            LockFile.write(lock, lockFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> keys() {
        return List.copyOf(bytes.keySet());
    }

    /** Publishes every object then its sidecar, as sync does. */
    void publish(MirrorStore store) {
        for (Map.Entry<String, byte[]> e : bytes.entrySet()) {
            publish(store, e.getKey(), e.getValue());
        }
    }

    void publish(MirrorStore store, String key, byte[] b) {
        try {
            Path f = Files.createTempFile(dir, "obj", ".bin");
            Files.write(f, b);
            store.put(key, f, digests(b));
            store.putText(key + ".sha256", hash(HashAlgorithm.SHA256, b).hex());
            Files.delete(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Digests digests(byte[] b) {
        return new Digests(b.length, hash(HashAlgorithm.SHA256, b), Optional.of(hash(HashAlgorithm.MD5, b)), Optional.of(hash(HashAlgorithm.SHA1, b)));
    }

    static Hash hash(HashAlgorithm a, byte[] b) {
        return Hash.of(a, a.newDigest().digest(b));
    }
}
