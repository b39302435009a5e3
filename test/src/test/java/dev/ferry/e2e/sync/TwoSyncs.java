package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.FerryProcess;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.e2e.support.Upstream.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Two Ferry processes syncing one lock through one cache, overlapping on purpose: the upstream ignores
 * Range and holds the first download at {@link #GATE} bytes until the second has started on the same
 * file (it asked the upstream and got bytes, or it said it waits for the first). Then the first is let
 * through and must succeed. What happens to the second is up to the test.
 */
final class TwoSyncs {
    static final String PATH = "/r/big";
    static final int SIZE = 8 << 20;
    static final int GATE = 6 << 20;

    final byte[] bytes = TestLock.bytes(SIZE, 7);
    final Process first;
    final Process second;
    private final Path dir;

    /** Starts both syncs into {@code folder} and returns once the first has succeeded. */
    static TwoSyncs firstSucceeds(FolderMirror folder) throws Exception {
        TwoSyncs two = new TwoSyncs(folder);
        assertTrue(two.first.waitFor(30, TimeUnit.SECONDS), two.log("first"));
        assertEquals(0, two.first.exitValue(), two.log("first"));
        return two;
    }

    private TwoSyncs(FolderMirror folder) throws Exception {
        Upstream up = folder.upstream();
        dir = folder.dir();
        CountDownLatch open = new CountDownLatch(1);
        folder.serve(PATH, bytes).writeLock();
        up.ignoreRange(PATH).faults(PATH, List.of(Fault.gate(GATE, open), new Fault.Throttle(40, Fault.FOREVER))); // the second: ~1.6 MB/s
        List<String> args = folder.syncArgs("--retry-delay-ms", "50");
        first = FerryProcess.start(args, dir.resolve("first.log"));
        waitUntil(() -> up.bodyBytes() >= GATE, "the first sync to reach the gate");
        second = FerryProcess.start(args, dir.resolve("second.log"));
        waitUntil(() -> log("second").contains("waiting for another Ferry run")
                        || (up.requests(PATH).size() >= 2 && up.bodyBytes() >= GATE + (256 << 10)),
                "the second sync to start on the same file");
        open.countDown();
    }

    String log(String which) {
        try {
            Path f = dir.resolve(which + ".log");
            return Files.exists(f) ? Files.readString(f) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    private void waitUntil(BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (!done.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "timed out waiting for " + what + "\n--- first\n" + log("first")
                    + "\n--- second\n" + log("second"));
            assertTrue(first.isAlive(), "the first sync ended early:\n" + log("first"));
            Thread.sleep(20);
        }
    }
}
