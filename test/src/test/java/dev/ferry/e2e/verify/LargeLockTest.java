package dev.ferry.e2e.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.FerryProcess;
import dev.ferry.e2e.support.TestLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory follows what is in flight, not the size of the lock: verify over a 30,000-asset lock runs in a
 * 64 MB heap (reading the whole lock as one YAML tree took about 6 KB per asset, so this needed ~200 MB).
 * The speed and RSS figures for 100,000 assets are printed by bench/large-lock.sh.
 */
class LargeLockTest {
    static final int ASSETS = 30_000;

    @TempDir
    Path tmp;

    @Test
    void verifyOverALargeLockRunsInASmallHeap() throws Exception {
        TestLock lock = new TestLock();
        for (int i = 0; i < ASSETS; i++) {
            lock.known("https://dl.example.invalid/r/" + (i / 1000) + "/asset-" + i + ".bin", TestLock.sha256(("asset " + i).getBytes()));
        }
        Path file = lock.write(tmp.resolve("ferry.lock"));
        Path empty = Files.createDirectories(tmp.resolve("mirror"));
        Path log = tmp.resolve("verify.log");
        Process verify = FerryProcess.start(List.of("-Xmx64m", "-XX:+UseSerialGC"),
                List.of("mirror", "verify", "--lock", file.toString(), "--to", "file:" + empty), log);
        assertTrue(verify.waitFor(120, TimeUnit.SECONDS), "verify did not finish");
        String out = Files.readString(log);
        assertFalse(out.contains("OutOfMemoryError"), out.substring(0, Math.min(out.length(), 2000)));
        assertEquals(1, verify.exitValue(), "every object is missing from the empty mirror");
        assertTrue(out.contains(ASSETS + " problems on " + ASSETS + " of " + ASSETS + " objects"), out.substring(Math.max(0, out.length() - 2000)));
    }
}
