package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.e2e.support.Upstream.Fault;
import dev.ferry.mirror.asset.SidecarFormat;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An upstream checksum file is read whether or not its answer has a Content-Length (gzip, chunked), and a huge one is refused. */
class ChecksumFileEncodingTest {
    @RegisterExtension
    final FolderMirror folder = new FolderMirror();

    @Test
    void aGzippedOrChunkedChecksumFileIsRead() throws Exception {
        byte[] a = TestLock.bytes(100_000, 31);
        byte[] b = TestLock.bytes(100_000, 32);
        Upstream up = folder.upstream();
        up.file("/r/a", a).sha256Sidecar("/r/a", TestLock.sha256(a)).fault("/r/a.sha256", new Fault.Gzip(Fault.FOREVER));
        up.file("/r/b", b).sha256Sidecar("/r/b", TestLock.sha256(b) + "  b\n").fault("/r/b.sha256", new Fault.Chunked(Fault.FOREVER));
        folder.writeLock(new TestLock().fromSidecar(up.url("/r/a"), up.url("/r/a.sha256"), SidecarFormat.BARE)
                .fromSidecar(up.url("/r/b"), up.url("/r/b.sha256"), SidecarFormat.BARE));
        Cli.Result r = folder.sync("--retry-delay-ms", "10");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("2 published"), r.out());
        assertEquals(TestLock.sha256(a), Files.readString(folder.mirror().resolve("r/a.sha256")));
        assertEquals(TestLock.sha256(b), Files.readString(folder.mirror().resolve("r/b.sha256")));
    }

    @Test
    void aChecksumFileOverOneMebibyteIsRefused() throws Exception {
        byte[] a = TestLock.bytes(1000, 33);
        Upstream up = folder.upstream();
        up.file("/r/a", a).file("/r/a.sha256", new byte[(1 << 20) + 1]).fault("/r/a.sha256", new Fault.Chunked(Fault.FOREVER));
        folder.writeLock(new TestLock().fromSidecar(up.url("/r/a"), up.url("/r/a.sha256"), SidecarFormat.BARE));
        Cli.Result r = folder.sync("--retry-delay-ms", "10");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("over 1048576 bytes"), r.err());
        assertEquals(1, up.requests("/r/a.sha256").size(), "refused at once, not retried");
    }
}
