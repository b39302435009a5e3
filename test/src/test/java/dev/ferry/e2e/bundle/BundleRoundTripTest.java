package dev.ferry.e2e.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.Ferry;
import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.S3Bucket;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.bundle.HandEditedBundle;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The air gap end to end, through the CLI: plan → pack (split into parts) → push to S3 (S3Proxy) → {@code verify --deep}
 * is clean, and the bucket holds exactly the assets, each with a correct sidecar and an MD5 ETag. Then the ways a carried bundle goes
 * wrong: each refused with a precise message, with no unverified object in the bucket.
 */
class BundleRoundTripTest {
    private static final String PREFIX = "kops";

    @TempDir
    static Path work;

    static Upstream upstream;
    static S3Bucket bucket;
    static final Map<String, byte[]> files = new LinkedHashMap<>();
    static Path lockFile;
    static Path split;
    static Path single;
    static Lock lock;

    static Cli.Result ferry(String... args) {
        return Cli.run(args);
    }

    @BeforeAll
    static void packOnTheConnectedSide() throws IOException {
        upstream = Upstream.start();
        bucket = S3Bucket.start("airgap");
        Random r = new Random(1);
        StringBuilder manifest = new StringBuilder("files:\n");
        for (int i = 0; i < 12; i++) {
            String path = i % 3 == 2
                    ? "/binaries/kops/1.30.4/linux/amd64/tool-" + i
                    : "/release/v1.30.0/bin/linux/" + (i % 2 == 0 ? "amd64" : "arm64") + "/file-" + i;
            byte[] b;
            if (i % 4 == 3) {
                b = ("compressible line " + i + "\n").repeat(40_000).getBytes(StandardCharsets.UTF_8);
            } else {
                b = new byte[400_000 + r.nextInt(50_000)];
                r.nextBytes(b);
            }
            files.put(path.substring(1), b);
            upstream.file(path, b);
            manifest.append("  - url: ").append(upstream.url(path)).append('\n');
            if (i % 3 == 2) {
                // no pinned hash: pack reads the upstream sidecar, push checks against the header's record
                upstream.sha256Sidecar(path, sha256(b));
            } else {
                manifest.append("    sha256: ").append(sha256(b)).append('\n');
            }
        }
        Path m = Files.writeString(work.resolve("ferry.yaml"), manifest.toString());
        lockFile = work.resolve("ferry.lock");
        Cli.Result plan = ferry("mirror", "plan", "--manifest", m.toString(), "-o", lockFile.toString());
        assertEquals(0, plan.exit(), plan.err());
        lock = LockFile.read(lockFile);
        assertEquals(12, lock.assets().size());

        split = work.resolve("carry/ferry-bundle.tar.zst");
        Cli.Result pack = ferry("mirror", "pack", "--lock", lockFile.toString(), "-o", split.toString(), "--split", "1m",
                "--cache", work.resolve("cache").toString(), "--output", "json");
        assertEquals(0, pack.exit(), pack.err());
        assertTrue(pack.out().contains("\"assets\": 12"), pack.out());
        // The parts are one zstd stream cut at byte boundaries: joined, they are the single-file bundle.
        single = Files.createDirectories(work.resolve("single")).resolve("ferry-bundle.tar.zst");
        try (OutputStream out = Files.newOutputStream(single)) {
            for (Path p : partsOf(split)) {
                Files.copy(p, out);
            }
        }
    }

    @AfterAll
    static void stop() {
        upstream.close();
        bucket.close();
    }

    @BeforeEach
    void emptyBucket() {
        bucket.clear();
    }

    private static List<String> s3(String... args) {
        List<String> a = new ArrayList<>(List.of(args));
        a.addAll(List.of("--to", bucket.target(PREFIX)));
        a.addAll(bucket.ferryFlags());
        return a;
    }

    private static Cli.Result push(Path bundle, String... extra) {
        List<String> a = new ArrayList<>(List.of("mirror", "push", bundle.toString()));
        a.addAll(List.of(extra));
        return ferry(s3(a.toArray(String[]::new)).toArray(String[]::new));
    }

    /**
     * What a careful admin checks after a push: every object in the bucket is a lock asset with the right
     * bytes, has its .sha256 sidecar saying its sha256, and an ETag that is its MD5; no other object.
     */
    private static void assertBucketClean(int expectedAssets) {
        List<String> keys = bucket.keys();
        TreeSet<String> objects = new TreeSet<>();
        for (String k : keys) {
            assertTrue(k.startsWith(PREFIX + "/"), k);
            if (!k.endsWith(".sha256")) {
                objects.add(k);
            }
        }
        for (String k : objects) {
            String key = k.substring(PREFIX.length() + 1);
            assertTrue(files.containsKey(key), "only lock assets are published: " + key);
            byte[] b = bucket.bytes(k);
            assertArrayEquals(files.get(key), b, key);
            assertTrue(keys.contains(k + ".sha256"), "every object has its sidecar: " + k);
            assertEquals(sha256(b), bucket.text(k + ".sha256").trim(), "the sidecar tells the truth: " + k);
            String etag = bucket.client().headObject(h -> h.bucket(bucket.bucket()).key(k)).eTag().replace("\"", "");
            assertEquals(hex(HashAlgorithm.MD5, b), etag, "single-part upload, ETag is the MD5: " + k);
        }
        for (String k : keys) {
            if (k.endsWith(".sha256")) {
                assertTrue(objects.contains(k.substring(0, k.length() - ".sha256".length())), "no sidecar without its object: " + k);
            }
        }
        assertEquals(expectedAssets, objects.size(), "objects in the bucket: " + objects);
    }

    @Test
    void roundTripThroughSeveralPartsIntoS3() {
        List<Path> parts = partsOf(split);
        assertTrue(parts.size() >= 3, "split into several parts: " + parts);
        Cli.Result inspect = ferry("mirror", "inspect", split.toString() + ".parts.json", "--verify");
        assertEquals(0, inspect.exit(), inspect.err() + inspect.out());
        assertTrue(inspect.out().contains("12 files"), inspect.out());
        assertTrue(inspect.out().contains("verified: every part and all 12 assets match the lock."), inspect.out());

        Cli.Result push = push(split.resolveSibling("ferry-bundle.tar.zst.parts.json"), "--acl", "public-read");
        assertEquals(0, push.exit(), push.err());
        assertTrue(push.out().contains("12 published"), push.out());
        assertBucketClean(12);
        Cli.Result verify = ferry(s3("mirror", "verify", "--lock", lockFile.toString(), "--deep").toArray(String[]::new));
        assertEquals(0, verify.exit(), verify.out() + verify.err());

        Cli.Result again = push(split, "--output", "json");
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("\"skipped\": 12") && again.out().contains("\"published\": 0"), again.out());
    }

    @Test
    void aFlippedByteInOneAssetIsRefusedAndOnlyThatAssetIsMissing() throws IOException {
        Path bad = copySingle("flipped");
        String key = "release/v1.30.0/bin/linux/arm64/file-1";
        HandEditedBundle.rewrite(bad, (name, bytes) -> {
            if (name.equals("files/" + key)) {
                bytes[12345] ^= 0x01;
            }
            return bytes;
        });
        Cli.Result push = push(bad);
        assertEquals(1, push.exit(), push.out() + push.err());
        assertTrue(push.err().contains(key + ": sha256 is "), push.err());
        assertTrue(push.err().contains("the lock says " + sha256(files.get(key))), push.err());
        assertFalse(bucket.keys().contains(PREFIX + "/" + key), "the tampered asset is not published");
        assertBucketClean(11);
    }

    @Test
    void aMissingPartIsNamedAndNothingIsPublished() throws IOException {
        Path dir = copySplit("missing");
        Files.delete(dir.resolve("ferry-bundle.tar.zst.001"));
        Cli.Result push = push(dir.resolve("ferry-bundle.tar.zst.parts.json"));
        assertEquals(1, push.exit());
        assertTrue(push.err().contains("part ferry-bundle.tar.zst.001 is missing"), push.err());
        assertEquals(List.of(), bucket.keys());
    }

    @Test
    void aTruncatedPartIsNamedAndNothingIsPublished() throws IOException {
        Path dir = copySplit("truncated");
        Path part = dir.resolve("ferry-bundle.tar.zst.002");
        byte[] b = Files.readAllBytes(part);
        Files.write(part, Arrays.copyOf(b, b.length / 2));
        Cli.Result push = push(dir.resolve("ferry-bundle.tar.zst"));
        assertEquals(1, push.exit());
        assertTrue(push.err().contains("part ferry-bundle.tar.zst.002 has " + b.length / 2 + " bytes, the manifest says " + b.length
                + " (truncated)"), push.err());
        assertEquals(List.of(), bucket.keys());
    }

    @Test
    void aLockEditedAfterPackingIsRefusedAndNothingIsPublished() throws IOException {
        Path bad = copySingle("edited");
        // e.g. someone "fixes" a hash in the carried lock to make a swapped file pass
        HandEditedBundle.rewrite(bad, (name, bytes) -> name.equals("ferry.lock")
                ? new String(bytes, StandardCharsets.UTF_8).replace(sha256(files.get("release/v1.30.0/bin/linux/amd64/file-0")), "0".repeat(64))
                        .getBytes(StandardCharsets.UTF_8)
                : bytes);
        Cli.Result push = push(bad);
        assertEquals(1, push.exit());
        assertTrue(push.err().contains("was changed after packing"), push.err());
        assertEquals(List.of(), bucket.keys());

        // The reviewed lock on this side differs from the one carried: refused too.
        Path edited = work.resolve("reviewed.lock");
        Files.writeString(edited, Files.readString(lockFile) + "# reviewed\n");
        Cli.Result reviewed = push(single, "--lock", edited.toString());
        assertEquals(1, reviewed.exit());
        assertTrue(reviewed.err().contains("the bundle carries a different lock than the one given with --lock"), reviewed.err());
        assertEquals(List.of(), bucket.keys());
    }

    @Test
    void aPushKilledHalfWayCompletesWhenRunAgain() throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Ferry.class.getName()));
        cmd.addAll(s3("mirror", "push", split.toString(), "--jobs", "1"));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("child.log").toFile());
        pb.environment().putAll(bucket.env());
        Process child = pb.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (bucket.puts() < 3 && child.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        child.destroyForcibly();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        int before = bucket.puts();
        assertTrue(before >= 3 && before < 24, "killed half-way: " + before + " puts; " + Files.readString(work.resolve("child.log")));

        Cli.Result again = push(split);
        assertEquals(0, again.exit(), again.err());
        assertTrue(again.out().contains("already there"), again.out());
        assertBucketClean(12);
    }

    @Test
    void aCachedFileDamagedOnDiskStopsThePackAndLeavesNoBundle() throws IOException {
        String key = "release/v1.30.0/bin/linux/amd64/file-4";
        String hex = sha256(files.get(key));
        Path blob = work.resolve("cache/sha256").resolve(hex.substring(0, 2)).resolve(hex);
        assertTrue(Files.isRegularFile(blob), "the cache layout sync writes: " + blob);
        byte[] good = Files.readAllBytes(blob);
        byte[] bad = good.clone();
        bad[777] ^= 0x20;
        Files.write(blob, bad);
        try {
            Path out = work.resolve("damaged-cache/ferry-bundle.tar.zst");
            Cli.Result pack = ferry("mirror", "pack", "--lock", lockFile.toString(), "-o", out.toString(), "--split", "1m",
                    "--cache", work.resolve("cache").toString());
            assertEquals(1, pack.exit(), pack.toString());
            assertTrue(pack.err().contains("the cached copy of " + key + " changed after it was verified"), pack.err());
            try (var listing = Files.list(out.getParent())) {
                assertEquals(List.of(), listing.toList(), "no part, manifest or .partial file is left");
            }
        } finally {
            Files.write(blob, good);
        }
    }

    private static List<Path> partsOf(Path bundle) {
        List<Path> parts = new ArrayList<>();
        for (int i = 0; Files.exists(bundle.resolveSibling(bundle.getFileName() + String.format(".%03d", i))); i++) {
            parts.add(bundle.resolveSibling(bundle.getFileName() + String.format(".%03d", i)));
        }
        return parts;
    }

    private static Path copySplit(String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        for (Path p : partsOf(split)) {
            Files.copy(p, dir.resolve(p.getFileName()));
        }
        Files.copy(split.resolveSibling("ferry-bundle.tar.zst.parts.json"), dir.resolve("ferry-bundle.tar.zst.parts.json"));
        return dir;
    }

    private static Path copySingle(String name) throws IOException {
        Path p = Files.createDirectories(work.resolve(name)).resolve("ferry-bundle.tar.zst");
        Files.copy(single, p);
        return p;
    }

    static String sha256(byte[] b) {
        return hex(HashAlgorithm.SHA256, b);
    }

    static String hex(HashAlgorithm alg, byte[] b) {
        return HexFormat.of().formatHex(alg.newDigest().digest(b));
    }
}
