package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A folder mirror never holds wrong bytes under a sidecar that vouches for them: not when a second sync
 * starts on a download the first is still writing and is killed, not when a cache file is edited later,
 * and a re-run does not skip an object whose size is wrong.
 */
class CacheIntegrityTest {
    @RegisterExtension
    final FolderMirror folder = new FolderMirror();

    /** The reported scenario, scaled down: upstream ignores Range, a second sync starts mid-download, the first finishes, the second is SIGKILLed. */
    @Test
    void aSecondSyncKilledMidDownloadLeavesTheFirstOnesObjectIntact() throws Exception {
        TwoSyncs two = TwoSyncs.firstSucceeds(folder);
        two.second.destroyForcibly();
        assertTrue(two.second.waitFor(10, TimeUnit.SECONDS));

        Path object = folder.mirror().resolve("r/big");
        assertEquals(TestLock.sha256(two.bytes), TestLock.sha256(Files.readAllBytes(object)),
                "the published object is the upstream file:\n--- second\n" + two.log("second"));
        Cli.Result deep = folder.verify("--deep");
        assertEquals(0, deep.exit(), deep.toString());
        assertTrue(deep.out().contains("No problems"), deep.out());
    }

    @Test
    void editingACacheFileInPlaceDoesNotChangeThePublishedObject() throws Exception {
        byte[] bytes = TestLock.bytes(300_000, 11);
        folder.serve("/r/a", bytes).writeLock();
        Cli.Result r = folder.sync();
        assertEquals(0, r.exit(), r.toString());

        Path cached;
        try (Stream<Path> s = Files.walk(folder.cache().resolve("sha256"))) {
            cached = s.filter(p -> p.getFileName().toString().equals(TestLock.sha256(bytes))).findFirst().orElseThrow();
        }
        // root ignores the read-only bit: write zeros over the start of the cache file in place.
        Files.write(cached, new byte[4096], StandardOpenOption.WRITE);

        Path object = folder.mirror().resolve("r/a");
        assertEquals(TestLock.sha256(bytes), TestLock.sha256(Files.readAllBytes(object)), "the published object did not change");
        assertEquals("r--r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(cached)), "verified cache files are read-only");
        assertFalse(Files.isSameFile(cached, object), "the mirror holds a copy, not a link to the cache");
        Cli.Result deep = folder.verify("--deep");
        assertEquals(0, deep.exit(), deep.toString());
    }

    @Test
    void anObjectOfTheWrongSizeUnderAMatchingSidecarIsPublishedAgain() throws Exception {
        byte[] bytes = TestLock.bytes(300_000, 12);
        folder.serve("/r/a", bytes).writeLock();
        assertEquals(0, folder.sync().exit());
        Path object = folder.mirror().resolve("r/a");
        Files.write(object, Arrays.copyOf(bytes, 1000)); // truncated behind the sidecar's back

        Cli.Result again = folder.sync();
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("1 published") && again.out().contains("0 skipped"), again.out());
        assertEquals(TestLock.sha256(bytes), TestLock.sha256(Files.readAllBytes(object)));
    }
}
