package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code -o} is the output format everywhere; the old {@code -o FILE} still works where it named a file, with a note. */
class OutputFlagTest {
    @Test
    void dashOIsTheFormat() {
        CliRun r = CliRun.of("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--arch", "amd64", "-o", "json");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().trim().startsWith("{"), r.out());
    }

    @Test
    void theOldDashOFileStillWritesTheLockWithADeprecationNote(@TempDir Path dir) {
        Path lock = dir.resolve("ferry.lock");
        CliRun r = CliRun.of("mirror", "plan", "--kops", "1.30.4", "--arch", "amd64", "-o", lock.toString(), "--output", "json");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(Files.isRegularFile(lock));
        assertTrue(r.err().contains("-o FILE is deprecated here; write --lock-file " + lock), r.err());
        assertTrue(r.out().trim().startsWith("{"), "--output still names the format");
    }

    @Test
    void anUnknownFormatIsBadUsage() {
        CliRun r = CliRun.of("mirror", "verify", "--to", "file:" + System.getProperty("java.io.tmpdir") + "/none", "-o", "yaml");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("'yaml' is not an output format"), r.err());
    }

    @Test
    void aTypedFlagWithABadValueIsBadUsageNamingTheFlag() {
        CliRun r = CliRun.of("mirror", "plan", "--kops", "one.thirty");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--kops"), r.err());
        assertTrue(r.err().contains("is not a version"), r.err());
    }

    @Test
    void completionScriptsForBashAndZsh() {
        for (String shell : new String[] {"bash", "zsh"}) {
            CliRun r = CliRun.of("completion", shell);
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("complete -F") && r.out().contains("mirror"), r.out());
        }
    }
}
