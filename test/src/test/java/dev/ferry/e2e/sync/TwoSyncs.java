package dev.ferry.e2e.sync;

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
import java.util.function.BooleanSupplier;

/**
 * Two Ferry processes syncing one lock through one cache, overlapping on purpose: the upstream ignores
 * Range and holds the first download at {@link #GATE} bytes until the second has started on the same
 * file (it asked the upstream and got bytes, or it said it waits for the first). Then the first is let
 * through. What happens next is up to the test.
 */
final class TwoSyncs {
    static final String PATH = "/r/big";
    static final int SIZE = 8 << 20;
    static final int GATE = 6 << 20;

    final byte[] bytes = TestLock.bytes(SIZE, 7);
    final Path lock;
    final Path mirror;
    final List<String> args;
    final Process first;
    final Process second;
    private final Path tmp;

    /** Starts both syncs and returns once the first has been let through. */
    TwoSyncs(Upstream up, Path tmp) throws Exception {
        this.tmp = tmp;
        CountDownLatch open = new CountDownLatch(1);
        up.file(PATH, bytes).ignoreRange(PATH)
                .faults(PATH, List.of(Fault.gate(GATE, open), new Fault.Throttle(40, Fault.FOREVER))); // the second: ~1.6 MB/s
        lock = new TestLock().known(up.url(PATH), bytes).write(tmp.resolve("ferry.lock"));
        mirror = tmp.resolve("mirror");
        args = List.of("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + mirror,
                "--cache", tmp.resolve("cache").toString(), "--retry-delay-ms", "50");
        first = FerryProcess.start(args, tmp.resolve("first.log"));
        waitUntil(() -> up.bodyBytes() >= GATE, "the first sync to reach the gate");
        second = FerryProcess.start(args, tmp.resolve("second.log"));
        waitUntil(() -> log("second").contains("waiting for another Ferry run")
                        || (up.requests(PATH).size() >= 2 && up.bodyBytes() >= GATE + (256 << 10)),
                "the second sync to start on the same file");
        open.countDown();
    }

    /** Waits for the first sync; it must have succeeded. */
    void firstSucceeds() throws InterruptedException {
        assertTrue(first.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), log("first"));
        org.junit.jupiter.api.Assertions.assertEquals(0, first.exitValue(), log("first"));
    }

    String log(String which) {
        try {
            Path f = tmp.resolve(which + ".log");
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
