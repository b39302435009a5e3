package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.e2e.support.Upstream.Fault;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A first connection that delivers wrong bytes and then resets does not cost the source: it is tried once more from byte 0. */
class ResumeIntoBadBytesTest {
    @RegisterExtension
    final FolderMirror folder = new FolderMirror();

    @Test
    void aResumedDownloadThatFailsItsHashIsRetriedFromByteZero() throws Exception {
        byte[] bytes = TestLock.bytes(500_000, 61);
        folder.serve("/r/a", bytes).writeLock();
        folder.upstream().fault("/r/a", new Fault.CorruptThenReset(200_000, 1));
        Cli.Result r = folder.sync("--retry-delay-ms", "10");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("downloading it once more from byte 0"), r.err());
        List<Upstream.Request> requests = folder.upstream().requests("/r/a");
        assertEquals(3, requests.size(), "bad bytes + reset, the resume, the retry from 0: " + requests);
        assertEquals("bytes=200000-", requests.get(1).range(), "the second connection resumed after the bad bytes");
        assertNull(requests.get(2).range(), "the retry starts from byte 0");
        assertEquals(TestLock.sha256(bytes), TestLock.sha256(Files.readAllBytes(folder.mirror().resolve("r/a"))));
    }

    @Test
    void aSourceThatKeepsServingWrongBytesIsStillGivenUp() throws Exception {
        byte[] bytes = TestLock.bytes(100_000, 62);
        folder.serve("/r/a", bytes).writeLock();
        folder.upstream().fault("/r/a", Fault.corrupt());
        Cli.Result r = folder.sync("--retry-delay-ms", "10");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("sha256 mismatch for " + folder.upstream().url("/r/a")), r.err());
        assertEquals(1, folder.upstream().requests("/r/a").size(), "a whole download that fails its hash is not retried");
    }
}
