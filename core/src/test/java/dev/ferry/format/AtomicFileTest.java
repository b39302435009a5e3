package dev.ferry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {
    @Test
    void replacesTheTargetAndLeavesNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("sub/ferry.lock");
        AtomicFile.write(f, "one");
        AtomicFile.write(f, "two");
        assertEquals("two", Files.readString(f));
        try (Stream<Path> s = Files.list(f.getParent())) {
            assertEquals(1, s.count(), "only the target remains");
        }
    }

    @Test
    void commitsAStreamedTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("kubelet");
        Path tmp = AtomicFile.temporary(target);
        Files.write(tmp, new byte[] {1, 2, 3});
        AtomicFile.commit(tmp, target);
        assertEquals(3, Files.size(target));
        assertEquals(false, Files.exists(tmp));
    }
}
