package dev.ferry.cli.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TargetOptionsTest {

    @Test
    void aSourceFolderIsNeverTakenForAMirror(@TempDir Path dir) throws Exception {
        // Run from a checkout of Ferry, the default --to file:./mirror is the mirror module's sources.
        Path module = Files.createDirectories(dir.resolve("mirror"));
        Files.writeString(module.resolve("pom.xml"), "<project/>");
        Files.createDirectories(module.resolve("src/main/java"));
        CliRun r = CliRun.of("mirror", "sync", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--dry-run", "--to", "file:" + module);
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("is a source folder") && r.err().contains("--to file:./out/mirror"), r.err());
        assertFalse(Files.exists(module.resolve("release")), "nothing written into the sources");
    }

    @Test
    void s3FlagsWithAFolderTargetAreBadUsage(@TempDir Path dir) {
        CliRun r = CliRun.of("mirror", "sync", "--kops", "1.30.4", "--dry-run", "--to", "file:" + dir, "--acl", "public-read");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("--acl only apply to s3:// targets"), r.err());
    }
}
