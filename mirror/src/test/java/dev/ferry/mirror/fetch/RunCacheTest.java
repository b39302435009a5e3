package dev.ferry.mirror.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.progress.Progress;
import dev.ferry.progress.ProgressEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The content cache on disk, and the verified cache as one run sees it. */
class RunCacheTest {
    static final byte[] BYTES = RangedDownloadTest.random(300_000, 11);

    @TempDir
    Path tmp;

    final List<String> said = new CopyOnWriteArrayList<>();

    ContentCache cache() {
        return new ContentCache(tmp.resolve("cache"));
    }

    /** A new run over the same cache folder, its progress lines collected in {@link #said}. */
    RunCache run() {
        return new RunCache(cache(), Progress.root("run", e -> {
            if (e instanceof ProgressEvent.Said s) {
                said.add(s.text());
            }
        }));
    }

    /** A download of {@link #BYTES} finished and verified: the partial file a fetch commits. */
    Path downloaded() throws IOException {
        Path part = cache().partial(LocalUpstream.sha256(BYTES));
        Files.createDirectories(part.getParent());
        return Files.write(part, BYTES);
    }

    /** The same size, other bytes: what ContentCache's own size check cannot see. */
    static void corrupt(Path file) throws IOException {
        file.toFile().setWritable(true);
        byte[] b = Files.readAllBytes(file);
        b[b.length / 2] ^= 1;
        Files.write(file, b);
    }

    List<Path> filesIn(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(Files::isRegularFile).map(dir::relativize).sorted().toList();
        }
    }

    @Test
    void aCommittedFileIsReadOnlyAndFoundByItsHashes() throws IOException {
        Digests d = LocalUpstream.digests(BYTES, true);
        CachedFile file = cache().commit(downloaded(), d);
        if (Files.getFileStore(file.path()).supportsFileAttributeView("posix")) {
            assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.path())));
        }
        assertEquals(Optional.of(file), cache().find(d.sha256()));
        assertEquals(Optional.of(file), cache().find(d.md5().orElseThrow()), "legacy locks may name the md5");
        assertEquals(Optional.of(file), cache().find(d.sha1().orElseThrow()), "or the sha1");
        assertEquals(Optional.empty(), cache().find(LocalUpstream.sha256(new byte[] {1})));
        assertFalse(Files.exists(cache().partial(d.sha256())), "the partial was moved, not copied");
    }

    @Test
    void commitAndUpdateLeaveNoTemporaryFiles() throws IOException {
        Digests sha256Only = LocalUpstream.digests(BYTES, false);
        CachedFile file = cache().commit(downloaded(), sha256Only);
        cache().update(file, LocalUpstream.digests(BYTES, true));
        String hex = sha256Only.sha256().hex();
        Digests all = LocalUpstream.digests(BYTES, true);
        assertEquals(List.of(Path.of("md5", all.md5().orElseThrow().hex()), Path.of("sha1", all.sha1().orElseThrow().hex()),
                        Path.of("sha256", hex.substring(0, 2), hex), Path.of("sha256", hex.substring(0, 2), hex + ".digests")),
                filesIn(cache().root()));
    }

    @Test
    void anEarlierRunsEntryIsReadOncePerRunAndDroppedWhenDamaged() throws IOException {
        Hash want = LocalUpstream.sha256(BYTES);
        CachedFile file = run().committed(downloaded(), LocalUpstream.digests(BYTES, false));

        RunCache second = run();
        assertEquals(Optional.of(file), second.find(want, Set.of()), "intact: trusted after one read");
        corrupt(file.path());
        assertEquals(Optional.of(file), second.find(want, Set.of()), "not read again in the same run");
        assertEquals(List.of(), said);

        RunCache third = run();
        assertEquals(Optional.empty(), third.find(want, Set.of()), "a new run reads it again and sees the damage");
        assertFalse(Files.exists(file.path()), "the damaged entry is dropped, to be downloaded afresh");
        assertEquals(1, said.size());
        assertTrue(said.get(0).contains("damaged") && said.get(0).contains(file.path().toString()), said.get(0));
    }

    @Test
    void whatThisRunCommittedIsNotReadAgain() throws IOException {
        RunCache run = run();
        CachedFile file = run.committed(downloaded(), LocalUpstream.digests(BYTES, false));
        corrupt(file.path());
        assertEquals(Optional.of(file), run.find(file.digests().sha256(), Set.of()), "verified as it was written");
    }

    @Test
    void missingDigestsAreComputedAndRecorded() throws IOException {
        Digests sha256Only = LocalUpstream.digests(BYTES, false);
        Digests all = LocalUpstream.digests(BYTES, true);
        run().committed(downloaded(), sha256Only);
        assertEquals(Optional.empty(), cache().find(all.md5().orElseThrow()));

        RunCache run = run();
        CachedFile found = run.find(sha256Only.sha256(), Set.of(HashAlgorithm.MD5, HashAlgorithm.SHA1)).orElseThrow();
        assertEquals(all, found.digests());
        assertEquals(all, cache().find(all.sha256()).orElseThrow().digests(), "recorded in the digests file");
        assertEquals(Optional.of(found), cache().find(all.md5().orElseThrow()), "and indexed");
        String digestsFile = Files.readString(found.path().resolveSibling(found.path().getFileName() + ".digests"), StandardCharsets.UTF_8);
        assertEquals("size=" + BYTES.length + "\nsha256=" + all.sha256().hex() + "\nmd5=" + all.md5().orElseThrow().hex()
                + "\nsha1=" + all.sha1().orElseThrow().hex() + "\n", digestsFile);
    }

    @Test
    void aDamagedDigestsFileIsAMiss() throws IOException {
        CachedFile file = cache().commit(downloaded(), LocalUpstream.digests(BYTES, false));
        Files.writeString(file.path().resolveSibling(file.path().getFileName() + ".digests"), "size=12\nsha256=zz\n");
        assertEquals(Optional.empty(), cache().find(file.digests().sha256()));
    }
}
