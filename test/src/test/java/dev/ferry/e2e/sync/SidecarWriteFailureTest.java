package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** "No object without its sidecar" holds when the sidecar cannot be written: the object is taken back. */
class SidecarWriteFailureTest {
    @RegisterExtension
    final FolderMirror folder = new FolderMirror();

    @Test
    void anObjectWhoseSidecarCannotBeWrittenIsTakenBack() throws Exception {
        byte[] a = TestLock.bytes(100_000, 71);
        byte[] b = TestLock.bytes(100_000, 72);
        folder.serve("/r/a", a).serve("/r/b", b).writeLock();
        Path mirror = folder.mirror();
        Files.createDirectories(mirror.resolve("r/a.sha256"));
        Files.writeString(mirror.resolve("r/a.sha256/in-the-way"), "a folder where the sidecar goes");

        Cli.Result r = folder.sync();
        assertEquals(1, r.exit(), r.toString());
        assertFalse(Files.exists(mirror.resolve("r/a")), "no object without its sidecar");
        assertTrue(r.err().contains("r/a was removed again, so no object stands without its sidecar"), r.err());
        assertEquals(TestLock.sha256(b), Files.readString(mirror.resolve("r/b.sha256")), "the other asset is published");
    }
}
