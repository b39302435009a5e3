package dev.ferry.mirror.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.error.NoHashKnown;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.retry.RetryPolicy;
import java.io.ByteArrayOutputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The expected hash from an upstream checksum file: read once per run, outside any lock, source mirrors first. */
class ExpectedHashesTest {
    static final String HEX = "ab".repeat(32);

    LocalUpstream upstream;
    ExpectedHashes hashes;

    @BeforeEach
    void setUp() {
        upstream = LocalUpstream.start();
        hashes = new ExpectedHashes(upstream.client(), RetryPolicy.exponential(2, Duration.ofMillis(1), Duration.ofMillis(5)), RetryPolicy.RetryListener.SILENT);
    }

    @AfterEach
    void tearDown() {
        upstream.close();
    }

    /** An asset at {@code path} whose hash is in {@code path.sha256} (bare hex), fetched from the upstream only. */
    Asset fromSidecar(String path) {
        String url = upstream.url(path);
        return LocalUpstream.asset(url, new ExpectedHash.FromSidecar(url + ".sha256", SidecarFormat.BARE, HashAlgorithm.SHA256),
                List.of(url), OptionalLong.empty());
    }

    void sidecar(String path, String hex) {
        upstream.serve(path + ".sha256", (hex + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static void await(CountDownLatch latch) throws InterruptedIOException {
        try {
            if (!latch.await(20, TimeUnit.SECONDS)) {
                throw new InterruptedIOException("the test never opened the gate");
            }
        } catch (InterruptedException e) {
            throw new InterruptedIOException("interrupted");
        }
    }

    @Test
    void aKnownHashNeedsNoRequest() {
        Hash h = Hash.sha256(HEX);
        Asset a = fromSidecar("/k").withHash(new ExpectedHash.Known(h, Provenance.PINNED));
        assertEquals(h, hashes.of(a));
        assertEquals(List.of(), upstream.requests());
    }

    @Test
    void manyJobsAskingAtOnceCauseOneRequest() throws Exception {
        int jobs = 8;
        CountDownLatch asked = new CountDownLatch(jobs);
        CountDownLatch open = new CountDownLatch(1);
        upstream.route("/kubelet.sha256", ex -> {
            await(open); // held until every job has asked
            LocalUpstream.send(ex, 200, HEX.getBytes(StandardCharsets.UTF_8));
        });
        Asset a = fromSidecar("/kubelet");
        ExecutorService pool = Executors.newFixedThreadPool(jobs);
        try {
            List<Future<Hash>> answers = new ArrayList<>();
            for (int i = 0; i < jobs; i++) {
                answers.add(pool.submit(() -> {
                    asked.countDown();
                    return hashes.of(a);
                }));
            }
            await(asked);
            open.countDown();
            for (Future<Hash> f : answers) {
                assertEquals(Hash.sha256(HEX), f.get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, upstream.requests("/kubelet.sha256").size());
        assertEquals(Hash.sha256(HEX), hashes.of(a), "and later asks are answered from what was read");
        assertEquals(1, upstream.requests("/kubelet.sha256").size());
    }

    @Test
    void aSlowChecksumServerForOneAssetDoesNotHoldUpAnother() throws Exception {
        CountDownLatch slowAsked = new CountDownLatch(1);
        CountDownLatch open = new CountDownLatch(1);
        upstream.route("/slow.sha256", ex -> {
            slowAsked.countDown();
            await(open);
            LocalUpstream.send(ex, 200, HEX.getBytes(StandardCharsets.UTF_8));
        });
        String other = "cd".repeat(32);
        sidecar("/fast", other);
        CompletableFuture<Hash> slow = CompletableFuture.supplyAsync(() -> hashes.of(fromSidecar("/slow")));
        try {
            await(slowAsked); // the slow read is in flight, and will stay so until the gate opens
            assertEquals(Hash.sha256(other), hashes.of(fromSidecar("/fast")));
            assertFalse(slow.isDone(), "the fast asset was answered while the slow one still waited");
        } finally {
            open.countDown();
        }
        assertEquals(Hash.sha256(HEX), slow.get(20, TimeUnit.SECONDS));
    }

    /** An asset at {@code /upstream + path} with a source mirror at {@code /mirror + path}, its hash in the {@code .sha256} beside it. */
    Asset mirrored(String path) {
        String canonical = upstream.url("/upstream" + path);
        return LocalUpstream.asset(canonical, new ExpectedHash.FromSidecar(canonical + ".sha256", SidecarFormat.BARE, HashAlgorithm.SHA256),
                List.of(upstream.url("/mirror" + path), canonical), OptionalLong.empty());
    }

    @Test
    void sourceMirrorsAreAskedForTheChecksumFileFirst() {
        String canonical = upstream.url("/upstream/release/v1.30.0/bin/linux/amd64/kubelet");
        String mirror = upstream.url("/mirror/release/v1.30.0/bin/linux/amd64/kubelet");
        Asset a = mirrored("/release/v1.30.0/bin/linux/amd64/kubelet");
        assertEquals(List.of(mirror + ".sha256", canonical + ".sha256"), UpstreamFiles.sidecarSources(a, canonical + ".sha256"));

        upstream.serve("/mirror/release/v1.30.0/bin/linux/amd64/kubelet.sha256", HEX.getBytes(StandardCharsets.UTF_8));
        assertEquals(Hash.sha256(HEX), hashes.of(a));
        assertEquals(List.of("/mirror/release/v1.30.0/bin/linux/amd64/kubelet.sha256"),
                upstream.requests().stream().map(LocalUpstream.Request::path).toList(), "upstream is not asked when the mirror answers");
    }

    @Test
    void aSourceMirrorWithoutTheChecksumFileFallsThroughToUpstream() {
        Asset a = mirrored("/kubelet");
        upstream.serve("/upstream/kubelet.sha256", HEX.getBytes(StandardCharsets.UTF_8));
        assertEquals(Hash.sha256(HEX), hashes.of(a));
        assertEquals(List.of("/mirror/kubelet.sha256", "/upstream/kubelet.sha256"),
                upstream.requests().stream().map(LocalUpstream.Request::path).toList(), "a 404 is not retried");
    }

    @Test
    void aChecksumFileNobodyServesIsNoHashKnownForTheAsset() {
        Asset a = fromSidecar("/missing");
        NoHashKnown e = assertThrows(NoHashKnown.class, () -> hashes.of(a));
        assertEquals(a.url(), e.url());
    }

    @Test
    void aFailedReadIsNotRememberedSoALaterAskTriesAgain() {
        Asset a = fromSidecar("/later");
        assertThrows(NoHashKnown.class, () -> hashes.of(a));
        sidecar("/later", HEX);
        assertEquals(Hash.sha256(HEX), hashes.of(a));
        assertEquals(2, upstream.requests("/later.sha256").size());
    }

    @Test
    void gzipAndChunkedAnswersWithoutContentLengthAreRead() {
        byte[] text = ("# release checksums\n" + HEX + "  gz\n").getBytes(StandardCharsets.UTF_8);
        upstream.route("/gz.sha256", ex -> {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.sendResponseHeaders(200, 0); // 0: chunked, no Content-Length
            try (OutputStream out = new GZIPOutputStream(ex.getResponseBody())) {
                out.write(text);
            }
        });
        upstream.route("/chunked.sha256", ex -> {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write(text);
        });
        assertEquals(Hash.sha256(HEX), hashes.of(fromSidecar("/gz")));
        assertEquals(Hash.sha256(HEX), hashes.of(fromSidecar("/chunked")));
    }

    /** A checksum list of exactly {@code size} bytes: padding comments, then the line for {@code name}. */
    static byte[] sumsOfSize(int size, String name) {
        String line = HEX + "  " + name + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int pad = size - line.length();
        while (pad > 0) {
            int n = pad > 1001 ? 1000 : pad; // every comment line at least "#\n"
            out.writeBytes(("#" + "x".repeat(n - 2) + "\n").getBytes(StandardCharsets.US_ASCII));
            pad -= n;
        }
        out.writeBytes(line.getBytes(StandardCharsets.US_ASCII));
        byte[] b = out.toByteArray();
        assertEquals(size, b.length);
        return b;
    }

    Asset fromSums(String path) {
        String url = upstream.url(path);
        return LocalUpstream.asset(url, new ExpectedHash.FromSidecar(url + ".sums", SidecarFormat.SUMS, HashAlgorithm.SHA256),
                List.of(url), OptionalLong.empty());
    }

    @Test
    void aChecksumFileOverOneMebibyteIsRefusedWithOrWithoutContentLength() {
        int limit = 1 << 20;
        upstream.serve("/at-limit.sums", sumsOfSize(limit, "at-limit"));
        upstream.serve("/over.sums", sumsOfSize(limit + 1, "over"));
        byte[] overChunked = sumsOfSize(limit + 1, "over-chunked");
        upstream.route("/over-chunked.sums", ex -> {
            ex.sendResponseHeaders(200, 0);
            ex.getResponseBody().write(overChunked);
        });
        assertEquals(Hash.sha256(HEX), hashes.of(fromSums("/at-limit")), "1 MiB itself is accepted");
        for (String path : List.of("/over", "/over-chunked")) {
            Asset a = fromSums(path);
            NoHashKnown e = assertThrows(NoHashKnown.class, () -> hashes.of(a), path);
            assertEquals(a.url(), e.url());
            assertEquals(1, upstream.requests(path + ".sums").size(), "an oversized file is refused, not retried: " + path);
        }
    }

    @Test
    void aServerErrorIsRetriedWithinTheRead() {
        int[] calls = {0};
        upstream.route("/flaky.sha256", ex -> {
            if (calls[0]++ == 0) {
                LocalUpstream.send(ex, 503, new byte[0]);
            } else {
                LocalUpstream.send(ex, 200, HEX.getBytes(StandardCharsets.UTF_8));
            }
        });
        assertEquals(Hash.sha256(HEX), hashes.of(fromSidecar("/flaky")));
        assertEquals(2, upstream.requests("/flaky.sha256").size());
    }
}
