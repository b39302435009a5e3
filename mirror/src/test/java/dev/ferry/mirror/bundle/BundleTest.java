package dev.ferry.mirror.bundle;

import static dev.ferry.mirror.bundle.HandEditedBundle.rewrite;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.format.ByteSize;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.progress.Progress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class BundleTest {
    @TempDir
    Path dir;

    private final Map<String, byte[]> content = new LinkedHashMap<>();
    private byte[] lockBytes;
    private Lock lock;

    @BeforeEach
    void assets() throws IOException {
        Random r = new Random(42);
        byte[] kubelet = new byte[1_500_000];
        r.nextBytes(kubelet);
        byte[] nodeup = new byte[1_200_000];
        r.nextBytes(nodeup);
        byte[] text = "a compressible file\n".repeat(50_000).getBytes(StandardCharsets.UTF_8);
        content.put("release/v1.30.0/bin/linux/amd64/kubelet", kubelet);
        content.put("binaries/kops/1.30.4/linux/amd64/nodeup", nodeup);
        content.put("containerd/containerd/releases/download/v1.7.22/containerd-1.7.22-linux-amd64.tar.gz", text);
        StringBuilder sb = new StringBuilder("lockVersion: 1\ngeneratedBy: test\nlayout: kops\nselections: []\nassets:\n");
        for (Map.Entry<String, byte[]> e : content.entrySet()) {
            sb.append("- url: https://example.test/").append(e.getKey()).append('\n')
              .append("  kind: extra\n  arch: amd64\n  version: 1.0.0\n  keys:\n")
              .append("    kops: ").append(e.getKey()).append('\n')
              .append("    legacy: legacy/").append(e.getKey()).append('\n')
              .append("  hash:\n    sha256: ").append(sha256(e.getValue()).hex()).append("\n    from: pinned\n");
        }
        lockBytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        lock = LockFile.parse(sb.toString(), "test.lock");
    }

    private BundleWriter.Result pack(Path out, OptionalLong split) throws IOException {
        List<BundleWriter.Input> inputs = new ArrayList<>();
        for (Asset a : lock.assets()) {
            String key = a.key(Layout.KOPS);
            Path f = dir.resolve("cache-" + inputs.size());
            Files.write(f, content.get(key));
            inputs.add(new BundleWriter.Input(f, new BundleAsset(key, content.get(key).length, sha256(content.get(key)), "pinned")));
        }
        return BundleWriter.write(out, new BundleWriter.Options(3, split, 0), lockBytes, Layout.KOPS, inputs, "ferry test", Progress.none());
    }

    /** Reads a bundle the way push does, collecting what would be published. */
    private static final class Collect implements AssetHandler {
        final Map<String, byte[]> published = new LinkedHashMap<>();
        final List<String> rejected = new ArrayList<>();

        @Override
        public boolean wantsFile(Asset asset, BundleAsset entry) {
            return true;
        }

        @Override
        public void verified(VerifiedAsset v) {
            try {
                published.put(v.entry().key(), Files.readAllBytes(v.file().orElseThrow()));
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }

        @Override
        public void rejected(String entryName, String reason) {
            rejected.add(entryName);
        }
    }

    private BundleReader.Outcome read(Path bundle, Collect collect) throws IOException {
        Path staging = Files.createDirectories(dir.resolve("staging"));
        try (BundleReader reader = BundleReader.open(BundleSource.locate(bundle), Progress.none())) {
            return reader.readAssets(collect, staging, Progress.none());
        }
    }

    @Test
    void splitBundleRoundTripsEveryByteAndLeavesNoTemporaryFiles() throws IOException {
        Path out = dir.resolve("out/ferry-bundle.tar.zst");
        BundleWriter.Result result = pack(out, OptionalLong.of(1 << 20));
        assertTrue(result.files().size() >= 3, "split into several parts: " + result.files());
        assertTrue(result.manifest().isPresent());
        for (Path p : result.files()) {
            assertTrue(Files.size(p) <= 1 << 20);
        }
        try (Stream<Path> s = Files.list(out.getParent())) {
            assertTrue(s.noneMatch(p -> p.toString().endsWith(".partial")));
        }
        assertFalse(Files.exists(out), "a split bundle has no single file");

        Collect c = new Collect();
        // Any of the names works: the bundle name, the manifest, a part.
        for (Path given : List.of(out, result.manifest().get(), result.files().get(1))) {
            c = new Collect();
            BundleReader.Outcome outcome = read(given, c);
            assertTrue(outcome.clean(), outcome.problems().toString());
            assertEquals(3, outcome.verified());
        }
        assertEquals(content.keySet(), c.published.keySet());
        for (String k : content.keySet()) {
            assertArrayEquals(content.get(k), c.published.get(k), k);
        }
        try (Stream<Path> s = Files.list(dir.resolve("staging"))) {
            assertEquals(0, s.count(), "staged files are deleted");
        }
    }

    @Test
    void singleFileBundleCarriesTheLockByteForByte() throws IOException {
        Path out = dir.resolve("b.tar.zst");
        BundleWriter.Result result = pack(out, OptionalLong.empty());
        assertEquals(List.of(out.toAbsolutePath()), result.files());
        assertTrue(result.compressedBytes() < result.tarBytes(), "the text asset compresses");
        try (BundleReader reader = BundleReader.open(BundleSource.locate(out), Progress.none())) {
            assertArrayEquals(lockBytes, reader.lockBytes());
            assertEquals(3, reader.header().assets().size());
            assertEquals(Layout.KOPS, reader.header().layout());
        }
        assertTrue(read(out, new Collect()).clean());
    }

    @Test
    void aFlippedByteInAnAssetIsNamedAndNeverHandedOn() throws IOException {
        Path out = dir.resolve("b.tar.zst");
        pack(out, OptionalLong.empty());
        String key = "binaries/kops/1.30.4/linux/amd64/nodeup";
        rewrite(out, (name, bytes) -> {
            if (name.equals("files/" + key)) {
                bytes[1000] ^= 1;
            }
            return bytes;
        });
        Collect c = new Collect();
        BundleReader.Outcome outcome = read(out, c);
        assertFalse(outcome.clean());
        assertEquals(List.of("files/" + key), c.rejected);
        assertFalse(c.published.containsKey(key), "the tampered asset is not published");
        assertEquals(2, c.published.size(), "the good assets still are");
        assertEquals(1, outcome.problems().size(), outcome.problems().toString());
        assertTrue(outcome.problems().get(0).startsWith(key + ": sha256 is "), outcome.problems().get(0));
        assertTrue(outcome.problems().get(0).contains("the lock says " + sha256(content.get(key)).hex()));
    }

    /** A bundle entry edited after packing: its name, the text replaced in it, and the start of the error it gets. */
    static Stream<Arguments> handEdits() {
        return Stream.of(
                Arguments.of("ferry.lock", "version: 1.0.0", "version: 1.0.1",
                        "the lock inside .+ was changed after packing"),
                Arguments.of("ferry-bundle.json", "\"version\": 1", "\"version\": 3",
                        "this bundle uses bundle format 3, made by a newer Ferry \\(ferry test\\); this Ferry reads up to format 2"));
    }

    /** An edited lock is refused before any asset is read; a bundle from a newer Ferry is refused clearly. */
    @ParameterizedTest(name = "{0} edited: {1} -> {2}")
    @MethodSource("handEdits")
    void aHandEditedBundleIsRefusedBeforeAnyAsset(String entry, String from, String to, String error) throws IOException {
        Path out = dir.resolve("b.tar.zst");
        pack(out, OptionalLong.empty());
        rewrite(out, (name, bytes) -> name.equals(entry)
                ? new String(bytes, StandardCharsets.UTF_8).replace(from, to).getBytes(StandardCharsets.UTF_8)
                : bytes);
        Collect c = new Collect();
        FerryException e = assertThrows(FerryException.class, () -> read(out, c));
        assertTrue(Pattern.compile(error).matcher(e.getMessage()).lookingAt(), e.getMessage());
        assertEquals(FerryException.FAILED, e.exitCode());
        assertEquals(List.of(), c.rejected);
        assertEquals(Map.of(), c.published);
    }

    @Test
    void aMissingATruncatedAndADamagedPartAreNamed() throws IOException {
        Path out = dir.resolve("ferry-bundle.tar.zst");
        List<Path> parts = pack(out, OptionalLong.of(1 << 20)).files();

        Path missing = parts.get(1);
        byte[] saved = Files.readAllBytes(missing);
        Files.delete(missing);
        FerryException e = assertThrows(FerryException.class, () -> read(out, new Collect()));
        assertTrue(e.getMessage().contains("part ferry-bundle.tar.zst.001 is missing"), e.getMessage());
        Files.write(missing, saved);

        Path last = parts.get(parts.size() - 1);
        byte[] lastBytes = Files.readAllBytes(last);
        Files.write(last, java.util.Arrays.copyOf(lastBytes, lastBytes.length - 100));
        e = assertThrows(FerryException.class, () -> read(out, new Collect()));
        assertTrue(e.getMessage().contains("part " + last.getFileName() + " has " + (lastBytes.length - 100) + " bytes, the manifest says "
                + lastBytes.length + " (truncated)"), e.getMessage());
        Files.write(last, lastBytes);

        // Listing needs only the first part: inspect works on a carry still in progress.
        Files.delete(last);
        try (BundleReader reader = BundleReader.openForListing(BundleSource.locate(out))) {
            assertEquals(3, reader.header().assets().size());
        }
        assertTrue(BundleSource.locate(out).size() > 2 << 20);
        Files.write(last, lastBytes);

        saved[500] ^= 1;
        Files.write(missing, saved);
        Collect c = new Collect();
        e = assertThrows(FerryException.class, () -> read(out, c));
        assertTrue(e.getMessage().contains("part ferry-bundle.tar.zst.001 is damaged: its sha256 is "), e.getMessage());
        assertTrue(c.published.isEmpty(), "nothing is read from a bundle whose parts do not match");
    }

    @Test
    void aTruncatedSingleFileBundleIsRefused() throws IOException {
        Path out = dir.resolve("b.tar.zst");
        pack(out, OptionalLong.empty());
        byte[] all = Files.readAllBytes(out);
        Files.write(out, java.util.Arrays.copyOf(all, all.length - 2000));
        Collect c = new Collect();
        FerryException e = assertThrows(FerryException.class, () -> read(out, c));
        assertTrue(e.getMessage().contains("damaged or truncated") || e.getMessage().contains("without its index: it is truncated"),
                e.getMessage());
        assertFalse(c.published.containsKey("containerd/containerd/releases/download/v1.7.22/containerd-1.7.22-linux-amd64.tar.gz")
                && !java.util.Arrays.equals(c.published.get("containerd/containerd/releases/download/v1.7.22/containerd-1.7.22-linux-amd64.tar.gz"),
                content.get("containerd/containerd/releases/download/v1.7.22/containerd-1.7.22-linux-amd64.tar.gz")));
    }

    @Test
    void aFailedPackLeavesNoFileThatLooksFinished() throws IOException {
        Path out = dir.resolve("b.tar.zst");
        Path f = dir.resolve("changed");
        Files.write(f, content.get("release/v1.30.0/bin/linux/amd64/kubelet"));
        BundleAsset lying = new BundleAsset("release/v1.30.0/bin/linux/amd64/kubelet", 1_500_000, Hash.sha256("0".repeat(64)), "pinned");
        FerryException e = assertThrows(FerryException.class, () -> BundleWriter.write(out, new BundleWriter.Options(3, OptionalLong.of(1 << 20), 0),
                lockBytes, Layout.KOPS, List.of(new BundleWriter.Input(f, lying)), "t", Progress.none()));
        assertTrue(e.getMessage().contains("changed after it was verified"), e.getMessage());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().startsWith("b.tar.zst")).toList());
        }
    }

    @Test
    void splitSizesParse() {
        assertEquals(4L << 30, ByteSize.parse("4g", "--split").bytes());
        assertEquals(500L << 20, ByteSize.parse("500M", "--split").bytes());
        assertEquals(1536L << 20, ByteSize.parse("1.5GiB", "--split").bytes());
        assertEquals(FerryException.BAD_USAGE, assertThrows(FerryException.class, () -> ByteSize.parse("4 gigs", "--split").bytes()).exitCode());
    }

    static Hash sha256(byte[] b) {
        return Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(b));
    }


}
