package dev.ferry.mirror.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.fetch.FetchOptions;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.layout.KeyRules;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.progress.Progress;
import dev.ferry.mirror.store.FolderStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.XZOutputStream;

/** kOps 1.37 nodes check nodeup.xz by the sha256 of what it decompresses to: sync checks it first. */
class CompressedTwinTest {
    private static final String BASE = "https://artifacts.k8s.io/binaries/kops/1.37.0/linux/amd64/";

    @TempDir
    Path tmp;

    /** The upstream: a JDK HTTP server on 127.0.0.1 serving what {@link #asset} put there. */
    private final java.util.Map<String, byte[]> served = new java.util.concurrent.ConcurrentHashMap<>();
    private com.sun.net.httpserver.HttpServer upstream;

    @org.junit.jupiter.api.BeforeEach
    void startUpstream() throws java.io.IOException {
        upstream = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 16);
        upstream.createContext("/", ex -> {
            byte[] body = served.get(ex.getRequestURI().getPath());
            try (ex) {
                ex.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
                if (body != null) {
                    ex.getResponseBody().write(body);
                }
            }
        });
        upstream.start();
    }

    @org.junit.jupiter.api.AfterEach
    void stopUpstream() {
        upstream.stop(0);
    }

    private static byte[] bytes(int seed) {
        byte[] b = new byte[200_000];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static byte[] xz(byte[] plain) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream x = new XZOutputStream(out, new LZMA2Options(1))) {
            x.write(plain);
        }
        return out.toByteArray();
    }

    private Asset asset(String name, byte[] content, AssetKind kind) throws Exception {
        served.put("/upstream-" + name, content);
        String local = "http://127.0.0.1:" + upstream.getAddress().getPort() + "/upstream-" + name;
        String url = BASE + name;
        Hash sha = Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(content));
        return new Asset(url, Optional.of(Arch.AMD64), kind, "1.37.0", new KeyRules(List.of()).keys(url),
                new ExpectedHash.Known(sha, Provenance.PINNED), List.of(local, url), OptionalLong.empty());
    }

    private SyncReport sync(List<Asset> assets, Path mirror) {
        try (Fetcher fetcher = new Fetcher(FetchOptions.defaults(tmp.resolve("cache")), Progress.none());
             FolderStore store = new FolderStore(mirror)) {
            return new Sync(store, fetcher, new SyncOptions(Layout.KOPS, 2, false, false), Progress.none()).run(assets);
        }
    }

    @Test
    void anXzThatDecompressesToTheLockedNodeupIsPublished() throws Exception {
        byte[] nodeup = bytes(1);
        SyncReport r = sync(List.of(asset("nodeup", nodeup, AssetKind.NODEUP), asset("nodeup.xz", xz(nodeup), new AssetKind("nodeup-xz"))),
                tmp.resolve("good"));
        assertTrue(r.ok(), r.failures().toString());
        assertTrue(Files.exists(tmp.resolve("good/binaries/kops/1.37.0/linux/amd64/nodeup.xz.sha256")));
    }

    @Test
    void anXzOfAnotherBuildIsRefusedAndNotPublished() throws Exception {
        // The .xz matches its own hash, but holds a different nodeup than the one the lock names.
        SyncReport r = sync(List.of(asset("nodeup", bytes(1), AssetKind.NODEUP), asset("nodeup.xz", xz(bytes(2)), new AssetKind("nodeup-xz"))),
                tmp.resolve("bad"));
        assertFalse(r.ok());
        assertEquals(1, r.failures().size());
        String reason = r.failures().get(0).reason().orElseThrow();
        assertTrue(reason.contains("decompresses to sha256") && reason.contains("nodeup"), reason);
        Path dir = tmp.resolve("bad/binaries/kops/1.37.0/linux/amd64");
        assertTrue(Files.exists(dir.resolve("nodeup.sha256")), "the binary itself is fine and published");
        assertFalse(Files.exists(dir.resolve("nodeup.xz")) || Files.exists(dir.resolve("nodeup.xz.sha256")), "nothing of the .xz is published");
    }
}
