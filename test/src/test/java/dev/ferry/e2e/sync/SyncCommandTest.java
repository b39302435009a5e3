package dev.ferry.e2e.sync;

import static dev.ferry.e2e.support.KopsFiles.KUBELET;
import static dev.ferry.e2e.support.KopsFiles.KUBELET_PATH;
import static dev.ferry.e2e.support.KopsFiles.NODEUP_PATH;
import static dev.ferry.e2e.support.KopsFiles.RUNC;
import static dev.ferry.e2e.support.KopsFiles.RUNC_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.e2e.support.Upstream.Fault;
import dev.ferry.e2e.support.UpstreamAndBucket;
import dev.ferry.mirror.asset.SidecarFormat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/** {@code ferry mirror sync} through the CLI, against a local upstream and a real S3 endpoint (S3Proxy). */
class SyncCommandTest {
    @RegisterExtension
    static final UpstreamAndBucket servers = new UpstreamAndBucket("mirror");

    @TempDir
    Path tmp;

    static final byte[] NODEUP = TestLock.bytes(200_000, 2);

    @BeforeEach
    void serve() {
        servers.upstream.file(KUBELET_PATH, KUBELET);
        servers.upstream.file(NODEUP_PATH, NODEUP).sha256Sidecar(NODEUP_PATH, TestLock.sha256(NODEUP));
        servers.upstream.file(RUNC_PATH, RUNC).text("/opencontainers/runc/releases/download/v1.1.14/runc.sha256sum",
                "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n"
                        + TestLock.sha256(TestLock.bytes(10, 9)) + "  runc.arm64\n"
                        + TestLock.sha256(RUNC) + "  runc.amd64\n"
                        + "-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCAAdFiEE\n=abcd\n-----END PGP SIGNATURE-----\n");
    }

    private Path standardLock() {
        return new TestLock()
                .known(servers.upstream.url(KUBELET_PATH), KUBELET)
                .fromSidecar(servers.upstream.url(NODEUP_PATH), servers.upstream.url(NODEUP_PATH + ".sha256"), SidecarFormat.BARE)
                .fromSidecar(servers.upstream.url(RUNC_PATH), servers.upstream.url("/opencontainers/runc/releases/download/v1.1.14/runc.sha256sum"), SidecarFormat.SUMS)
                .write(tmp.resolve("ferry.lock"));
    }

    private List<String> s3Sync(Path lock, String... more) {
        List<String> a = new ArrayList<>(List.of("mirror", "sync", "--lock", lock.toString(), "--to", servers.bucket.target("files"),
                "--cache", tmp.resolve("cache").toString(), "--retry-delay-ms", "10"));
        a.addAll(servers.bucket.ferryFlags());
        a.addAll(List.of(more));
        return a;
    }

    /** Every object has a sidecar holding its sha256, every sidecar has its object, and every ETag is the MD5. */
    private static void assertNoObjectWithoutACorrectSidecar() {
        Set<String> keys = Set.copyOf(servers.bucket.keys());
        for (String key : keys) {
            if (key.endsWith(".sha256")) {
                assertTrue(keys.contains(key.substring(0, key.length() - 7)), "sidecar without object: " + key);
                continue;
            }
            assertTrue(keys.contains(key + ".sha256"), "object without sidecar: " + key);
            byte[] bytes = servers.bucket.bytes(key);
            assertEquals(TestLock.sha256(bytes), servers.bucket.text(key + ".sha256"), "sidecar of " + key);
            HeadObjectResponse head = servers.bucket.client().headObject(h -> h.bucket("mirror").key(key));
            assertEquals("\"" + TestLock.md5(bytes) + "\"", head.eTag(), "ETag of " + key);
            assertEquals(TestLock.sha256(bytes), head.metadata().get("sha256"), "x-amz-meta-sha256 of " + key);
        }
    }

    @Test
    void freshSyncPublishesEveryAssetThenANoOpResyncTransfersNothing() {
        Path lock = standardLock();
        Cli.Result r = Cli.run(s3Sync(lock));
        assertEquals(0, r.exit(), r.toString());
        assertEquals(List.of(
                "files/binaries/kops/1.30.4/linux/amd64/nodeup", "files/binaries/kops/1.30.4/linux/amd64/nodeup.sha256",
                "files/opencontainers/runc/releases/download/v1.1.14/runc.amd64", "files/opencontainers/runc/releases/download/v1.1.14/runc.amd64.sha256",
                "files/release/v1.30.0/bin/linux/amd64/kubelet", "files/release/v1.30.0/bin/linux/amd64/kubelet.sha256"), servers.bucket.keys());
        assertNoObjectWithoutACorrectSidecar();
        assertTrue(r.out().contains("3 published"), r.out());
        // object before sidecar, always
        List<String> puts = servers.bucket.putKeys();
        for (String k : puts) {
            if (k.endsWith(".sha256")) {
                assertTrue(puts.indexOf(k.substring(0, k.length() - 7)) < puts.indexOf(k), puts.toString());
            }
        }

        servers.upstream.reset();
        int putsBefore = servers.bucket.puts();
        List<String> args = s3Sync(lock);
        args.set(args.indexOf("--cache") + 1, tmp.resolve("empty-cache").toString()); // the cache cannot help: only the target's sidecars
        Cli.Result again = Cli.run(args);
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("0 published") && again.out().contains("3 skipped"), again.out());
        assertEquals(putsBefore, servers.bucket.puts(), "no-op re-sync writes nothing");
        assertTrue(servers.upstream.bodyBytes() < 1000, "only the two small upstream checksum files were read: " + servers.upstream.bodyBytes());
        for (String p : List.of(KUBELET_PATH, NODEUP_PATH, RUNC_PATH)) {
            assertEquals(List.of(), servers.upstream.requests(p), "no request for " + p);
        }
    }

    @Test
    void faultsFailOnlyTheirAssetAndNothingIsPublishedWithoutACorrectSidecar() {
        byte[] flaky = TestLock.bytes(150_000, 10);
        byte[] reset = TestLock.bytes(400_000, 11);
        byte[] truncated = TestLock.bytes(120_000, 12);
        byte[] wrong = TestLock.bytes(50_000, 13);
        byte[] nosidecar = TestLock.bytes(50_000, 14);
        byte[] slow = TestLock.bytes(50_000, 15);
        byte[] dead = TestLock.bytes(50_000, 16);
        servers.upstream.file("/f/flaky", flaky).fault("/f/flaky", Fault.status(500, 2));
        servers.upstream.file("/f/reset", reset).fault("/f/reset", Fault.reset(150_000, 1));
        servers.upstream.file("/f/truncated", truncated).fault("/f/truncated", Fault.truncate(60_000));
        servers.upstream.file("/f/wrong", wrong);
        servers.upstream.file("/f/nosidecar", nosidecar);
        servers.upstream.file("/f/slow", slow).fault("/f/slow", Fault.stall(2500, 1));
        servers.upstream.file("/f/dead", dead).fault("/f/dead", Fault.status(503, Fault.FOREVER));
        String wrongHash = TestLock.sha256("something else".getBytes(StandardCharsets.UTF_8));
        Path lock = new TestLock()
                .known(servers.upstream.url(KUBELET_PATH), KUBELET)
                .known(servers.upstream.url("/f/flaky"), flaky)
                .known(servers.upstream.url("/f/reset"), reset)
                .known(servers.upstream.url("/f/truncated"), truncated)
                .known(servers.upstream.url("/f/wrong"), wrongHash)
                .fromSidecar(servers.upstream.url("/f/nosidecar"), servers.upstream.url("/f/nosidecar.sha256"), SidecarFormat.BARE)
                .known(servers.upstream.url("/f/slow"), slow)
                .known(servers.upstream.url("/f/dead"), dead)
                .write(tmp.resolve("faults.lock"));

        Cli.Result r = Cli.run(s3Sync(lock, "--timeout", "1", "--retries", "3", "--jobs", "4"));

        assertEquals(1, r.exit(), r.toString());
        assertEquals(List.of(
                "files/f/flaky", "files/f/flaky.sha256", "files/f/reset", "files/f/reset.sha256", "files/f/slow", "files/f/slow.sha256",
                "files/release/v1.30.0/bin/linux/amd64/kubelet", "files/release/v1.30.0/bin/linux/amd64/kubelet.sha256"), servers.bucket.keys(), r.toString());
        assertNoObjectWithoutACorrectSidecar();
        assertTrue(r.err().contains("error: 4 of 8 assets failed; the other 4 are published"), r.err());
        assertTrue(r.err().contains("f/truncated: sha256 mismatch for " + servers.upstream.url("/f/truncated") + ": expected " + TestLock.sha256(truncated)
                + ", got " + TestLock.sha256(java.util.Arrays.copyOf(truncated, 60_000))), r.err());
        assertTrue(r.err().contains("f/wrong: sha256 mismatch for " + servers.upstream.url("/f/wrong") + ": expected " + wrongHash + ", got " + TestLock.sha256(wrong)), r.err());
        assertTrue(r.err().contains("f/nosidecar: cannot establish the expected hash of " + servers.upstream.url("/f/nosidecar")), r.err());
        assertTrue(r.err().contains(servers.upstream.url("/f/nosidecar.sha256") + ": HTTP 404"), r.err());
        assertTrue(r.err().contains("f/dead: " + servers.upstream.url("/f/dead") + ": HTTP 503 (gave up after 4 attempts)"), r.err());
        assertTrue(r.err().contains("retrying " + servers.upstream.url("/f/slow")) && r.err().contains("timed out"), r.err());
        // the reset download resumed where it broke off instead of starting over
        List<Upstream.Request> resets = servers.upstream.requests("/f/reset");
        assertEquals(2, resets.size(), resets.toString());
        assertEquals("bytes=150000-", resets.get(1).range());
        assertEquals(3, servers.upstream.requests("/f/flaky").size());
    }

    @Test
    void aBucketThatRefusesWritesIsOneErrorBeforeAnyDownloadAndLeavesNothing() {
        servers.bucket.refuseWrites(true);
        Cli.Result r = Cli.run(s3Sync(standardLock()));
        assertEquals(1, r.exit(), r.toString());
        assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), r.err());
        assertTrue(r.err().contains("error: s3://mirror/files refuses writes: cannot upload s3://mirror/files/.ferry-write-check: 403 AccessDenied"), r.err());
        assertTrue(r.err().contains("s3:PutObject") && !r.err().contains("kubelet"), r.err());
        for (String p : List.of(KUBELET_PATH, NODEUP_PATH, RUNC_PATH)) {
            assertEquals(List.of(), servers.upstream.requests(p), "nothing was downloaded for " + p);
        }
        servers.bucket.refuseWrites(false);
        assertEquals(List.of(), servers.bucket.keys());
    }

    @Test
    void aChangedAssetIsRepublishedWithItsOldSidecarWithdrawnFirst() {
        Path lock = standardLock();
        assertEquals(0, Cli.run(s3Sync(lock)).exit());
        byte[] v2 = TestLock.bytes(300_000, 99);
        servers.upstream.file(KUBELET_PATH, v2);
        Path lock2 = new TestLock().known(servers.upstream.url(KUBELET_PATH), v2).write(tmp.resolve("v2.lock"));
        servers.bucket.clear();
        assertEquals(0, Cli.run(s3Sync(standardLock())).exit());
        List<String> before = servers.bucket.events();
        Cli.Result r = Cli.run(s3Sync(lock2));
        assertEquals(0, r.exit(), r.toString());
        List<String> events = servers.bucket.events().subList(before.size(), servers.bucket.events().size()).stream()
                .filter(e -> !e.endsWith("/.ferry-write-check")).toList(); // the run's one check that the bucket takes writes
        String key = "files/release/v1.30.0/bin/linux/amd64/kubelet";
        assertEquals(List.of("delete " + key + ".sha256", "put " + key, "put " + key + ".sha256"), events);
        assertEquals(TestLock.sha256(v2), servers.bucket.text(key + ".sha256"));
        assertNoObjectWithoutACorrectSidecar();
    }

    @Test
    void dryRunSaysWhatWouldHappenAndWritesNothing() {
        servers.upstream.file("/f/gone", new byte[0]);
        servers.upstream.remove("/f/gone");
        Path lock = new TestLock()
                .known(servers.upstream.url(KUBELET_PATH), KUBELET)
                .known(servers.upstream.url("/f/gone"), "0".repeat(64))
                .fromSidecar(servers.upstream.url(NODEUP_PATH), servers.upstream.url(NODEUP_PATH + ".sha404"), SidecarFormat.BARE)
                .write(tmp.resolve("dry.lock"));
        Cli.Result r = Cli.run(s3Sync(lock, "--dry-run"));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("would publish  files/release/v1.30.0/bin/linux/amd64/kubelet".replace("files/", "")), r.out());
        assertTrue(r.out().contains("1 would publish") && r.out().contains("2 would fail"), r.out());
        assertTrue(r.err().contains("nothing was written"), r.err());
        assertEquals(List.of(), servers.bucket.keys());
        assertEquals(0, servers.bucket.puts());
        assertTrue(servers.upstream.requests(KUBELET_PATH).stream().noneMatch(q -> q.range() != null) && servers.upstream.bodyBytes() < 1000,
                "a dry run downloads no asset: " + servers.upstream.bodyBytes());
    }

    @Test
    void folderTargetWithLegacyLayoutWritesSha1SidecarsAndJsonOutput() throws Exception {
        Path lock = new TestLock().known(servers.upstream.url(KUBELET_PATH), KUBELET).write(tmp.resolve("l.lock"));
        Path dir = tmp.resolve("mirror");
        Cli.Result r = Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + dir, "--layout", "legacy",
                "--cache", tmp.resolve("cache").toString(), "--output", "json");
        assertEquals(0, r.exit(), r.toString());
        Path kubelet = dir.resolve("release/v1.30.0/bin/linux/amd64/kubelet");
        assertEquals(TestLock.sha1(KUBELET), Files.readString(kubelet.resolveSibling("kubelet.sha1")));
        assertFalse(Files.exists(kubelet.resolveSibling("kubelet.sha256")), "legacy mirrors never mix sha256 sidecars in");
        assertTrue(r.out().contains("\"status\": \"published\"") && r.out().contains("\"published\": 1"), r.out());
        try (var files = Files.walk(dir)) {
            assertEquals(Set.of("kubelet", "kubelet.sha1"), files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
        }
        // the legacy no-op re-sync recognises its sha1 sidecar without downloading (the cache knows the sha1)
        servers.upstream.reset();
        Cli.Result again = Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + dir, "--layout", "legacy",
                "--cache", tmp.resolve("cache").toString());
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("1 skipped"), again.out());
        assertEquals(List.of(), servers.upstream.requests());
    }

    @Test
    void downloadsGoThroughTheProxy() {
        try (Upstream proxy = Upstream.start()) {
            proxy.file(KUBELET_PATH, KUBELET);
            Path lock = new TestLock().known(servers.upstream.url(KUBELET_PATH), KUBELET).write(tmp.resolve("p.lock"));
            Cli.Result r = Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + tmp.resolve("m"),
                    "--cache", tmp.resolve("cache").toString(), "--proxy", "http://user:secret@127.0.0.1:" + proxy.port());
            assertEquals(0, r.exit(), r.toString());
            assertEquals(1, proxy.requests(KUBELET_PATH).size());
            assertEquals(List.of(), servers.upstream.requests());
            assertFalse(r.err().contains("secret") || r.out().contains("secret"), "proxy password never printed");
        }
    }

    @Test
    void badUsageIsRefusedBeforeAnyWork() {
        Path lock = standardLock();
        Cli.Result acl = Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + tmp.resolve("m"), "--acl", "public-read");
        assertEquals(2, acl.exit(), acl.toString());
        assertTrue(acl.err().contains("--acl only apply to s3:// targets"), acl.err());
        Cli.Result to = Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "./m");
        assertEquals(2, to.exit());
        assertTrue(to.err().contains("is not a mirror target"), to.err());
        assertEquals(List.of(), servers.upstream.requests());
    }

    @Test
    void theCacheServesASecondTargetWithoutDownloadingAndADamagedEntryIsFetchedAgain() throws Exception {
        Path lock = new TestLock().known(servers.upstream.url(KUBELET_PATH), KUBELET).write(tmp.resolve("c.lock"));
        Path cache = tmp.resolve("shared-cache");
        List<String> base = List.of("mirror", "sync", "--lock", lock.toString(), "--cache", cache.toString());
        assertEquals(0, Cli.run(Cli.args(base, "--to", "file:" + tmp.resolve("a"))).exit());
        assertEquals(1, servers.upstream.requests(KUBELET_PATH).size());

        Cli.Result second = Cli.run(Cli.args(base, "--to", "file:" + tmp.resolve("b")));
        assertEquals(0, second.exit(), second.toString());
        assertEquals(1, servers.upstream.requests(KUBELET_PATH).size(), "the second target is served from the cache");
        assertEquals(TestLock.sha256(KUBELET), TestLock.sha256(Files.readAllBytes(tmp.resolve("b" + KUBELET_PATH))));

        Path blob;
        try (var files = Files.walk(cache.resolve("sha256"))) {
            blob = files.filter(p -> p.getFileName().toString().equals(TestLock.sha256(KUBELET))).findFirst().orElseThrow();
        }
        byte[] damaged = KUBELET.clone();
        damaged[1000] ^= 1;
        Files.delete(blob); // a new inode: the damage must not reach the mirrors already linked to the old one
        Files.write(blob, damaged);
        Cli.Result third = Cli.run(Cli.args(base, "--to", "file:" + tmp.resolve("c")));
        assertEquals(0, third.exit(), third.toString());
        assertTrue(third.err().contains("is damaged"), third.err());
        assertEquals(2, servers.upstream.requests(KUBELET_PATH).size(), "downloaded again");
        for (String dir : List.of("a", "b", "c")) {
            assertEquals(TestLock.sha256(KUBELET), TestLock.sha256(Files.readAllBytes(tmp.resolve(dir + KUBELET_PATH))), dir);
        }
    }

    @Test
    void sourceMirrorsAreTriedBeforeTheCanonicalUrlAndServeTheChecksumFileToo() {
        try (Upstream mirror = Upstream.start()) {
            mirror.file("/dl" + NODEUP_PATH, NODEUP).sha256Sidecar("/dl" + NODEUP_PATH, TestLock.sha256(NODEUP));
            Path lock = new TestLock()
                    .fromSidecar(servers.upstream.url(NODEUP_PATH), servers.upstream.url(NODEUP_PATH + ".sha256"), SidecarFormat.BARE)
                    .mirroredAt(mirror.url("/dl" + NODEUP_PATH))
                    .known(servers.upstream.url(KUBELET_PATH), KUBELET)
                    .mirroredAt(mirror.url("/missing" + KUBELET_PATH)) // the mirror lacks it: the canonical URL serves it
                    .write(tmp.resolve("m.lock"));
            Cli.Result r = Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + tmp.resolve("m"),
                    "--cache", tmp.resolve("cache").toString());
            assertEquals(0, r.exit(), r.toString());
            assertEquals(List.of(), servers.upstream.requests(NODEUP_PATH), "nodeup came from the mirror");
            assertEquals(List.of(), servers.upstream.requests(NODEUP_PATH + ".sha256"), "and so did its checksum file");
            assertEquals(1, mirror.requests("/dl" + NODEUP_PATH).size());
            assertEquals(1, mirror.requests("/missing" + KUBELET_PATH).size());
            assertEquals(1, servers.upstream.requests(KUBELET_PATH).size(), "a 404 at the mirror falls back to the canonical URL");
            assertEquals(TestLock.sha256(NODEUP), TestLock.sha256(readBytes(tmp.resolve("m" + NODEUP_PATH))));
        }
    }

    private static byte[] readBytes(Path p) {
        try {
            return Files.readAllBytes(p);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
