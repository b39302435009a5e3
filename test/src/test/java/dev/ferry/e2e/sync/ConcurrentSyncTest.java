package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two syncs of one lock into one target at the same time both succeed. */
class ConcurrentSyncTest {
    @RegisterExtension
    final FolderMirror folder = new FolderMirror();

    /** Sharing a cache: the second waits for the first's download (and says so) instead of failing on the partial file. */
    @Test
    void twoSyncsSharingACacheBothSucceed() throws Exception {
        TwoSyncs two = TwoSyncs.firstSucceeds(folder);
        assertTrue(two.second.waitFor(30, TimeUnit.SECONDS), two.log("second"));
        assertEquals(0, two.second.exitValue(), two.log("second"));
        assertTrue(two.log("second").contains("waiting for another Ferry run that is downloading " + folder.upstream().url(TwoSyncs.PATH)),
                two.log("second"));
        assertEquals(TestLock.sha256(two.bytes), TestLock.sha256(Files.readAllBytes(folder.mirror().resolve("r/big"))));
    }

    /** Separate caches, one target: a run leaves another run's upload in flight (its fresh temporary file) alone, and removes stale ones. */
    @Test
    void anotherRunsTemporaryFileIsLeftAlone() throws Exception {
        byte[] bytes = TestLock.bytes(200_000, 21);
        folder.serve("/r/a", bytes).writeLock();
        Path mirror = folder.mirror();
        Files.createDirectories(mirror.resolve("r"));
        Path inFlight = mirror.resolve("r/.a.ferry-tmp-0f6c2d1e-other-process");
        Files.write(inFlight, new byte[50_000]);
        Path stale = mirror.resolve("r/.a.ferry-tmp-5a1b-killed-an-hour-ago");
        Files.write(stale, new byte[10]);
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Duration.ofHours(1))));

        Cli.Result r = folder.sync();
        assertEquals(0, r.exit(), r.toString());
        assertTrue(Files.exists(inFlight), "the other run's temporary file is still there, so its rename will work");
        assertFalse(Files.exists(stale), "a killed run's leftover is removed");
        assertEquals(TestLock.sha256(bytes), TestLock.sha256(Files.readAllBytes(mirror.resolve("r/a"))));
    }
}
