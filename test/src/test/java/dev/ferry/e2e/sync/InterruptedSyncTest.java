package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.FerryProcess;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.e2e.support.Upstream.Fault;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A sync killed mid-way (SIGKILL of a separate Ferry process, no chance to clean up) and run again
 * completes, without downloading again what was already published or partly downloaded.
 */
class InterruptedSyncTest {
    @RegisterExtension
    final FolderMirror folder = new FolderMirror();

    @Test
    void aKilledSyncCompletesOnRerunAndDownloadsOnlyWhatWasMissing() throws Exception {
        byte[] a = TestLock.bytes(100_000, 1);
        byte[] b = TestLock.bytes(100_000, 2);
        byte[] big = TestLock.bytes(4 << 20, 3);
        byte[] d = TestLock.bytes(100_000, 4);
        Upstream up = folder.upstream();
        folder.serve("/r/a", a).serve("/r/b", b).serve("/r/big", big).serve("/r/d", d).writeLock();
        up.fault("/r/big", Fault.throttle(40)); // ~1.6 MB/s: the kill lands mid-body
        Path mirror = folder.mirror();
        List<String> args = folder.syncArgs("--jobs", "1");
        Path log = folder.dir().resolve("child.log");

        Process child = FerryProcess.start(args, log);
        long deadline = System.currentTimeMillis() + 30_000;
        while (up.bodyBytes() < 200_000 + (2 << 20) && child.isAlive() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child finished before it could be killed:\n" + Files.readString(log));
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));

        assertTrue(Files.exists(mirror.resolve("r/a.sha256")) && Files.exists(mirror.resolve("r/b.sha256")), "a and b were published before the kill");
        assertFalse(Files.exists(mirror.resolve("r/big")) || Files.exists(mirror.resolve("r/big.sha256")), "no half object under a real name");
        assertFalse(Files.exists(mirror.resolve("r/d")));

        up.reset();
        Cli.Result r = Cli.run(args);
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("2 published") && r.out().contains("2 skipped"), r.out());
        assertEquals(List.of(), up.requests("/r/a"));
        assertEquals(List.of(), up.requests("/r/b"));
        List<Upstream.Request> bigRequests = up.requests("/r/big");
        assertEquals(1, bigRequests.size(), bigRequests.toString());
        long resumedAt = Long.parseLong(bigRequests.get(0).range().replaceAll("\\D", ""));
        assertTrue(resumedAt >= 1 << 20, "resumed from the partial file at " + resumedAt);
        assertEquals(1, up.requests("/r/d").size());
        for (var e : java.util.Map.of("r/a", a, "r/b", b, "r/big", big, "r/d", d).entrySet()) {
            assertEquals(TestLock.sha256(e.getValue()), TestLock.sha256(Files.readAllBytes(mirror.resolve(e.getKey()))), e.getKey());
            assertEquals(TestLock.sha256(e.getValue()), Files.readString(mirror.resolve(e.getKey() + ".sha256")), e.getKey() + ".sha256");
        }
    }
}
