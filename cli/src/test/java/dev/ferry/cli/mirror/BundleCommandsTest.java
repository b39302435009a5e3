package dev.ferry.cli.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pack, push and inspect: help with examples, and bad usage answered before any work (exit 2). */
class BundleCommandsTest {

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (String cmd : new String[] {"pack", "push", "inspect"}) {
            CliRun r = CliRun.of("mirror", cmd, "--help");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("Example") && r.out().contains("ferry mirror " + cmd + " "), r.toString());
            for (String line : r.out().split("\n")) {
                assertTrue(line.length() <= 80, "help fits 80 columns: " + line);
            }
        }
    }

    @Test
    void badPackFlagsAreRefusedBeforeDownloading(@TempDir Path dir) throws IOException {
        Path lock = dir.resolve("ferry.lock");
        assertEquals(0, CliRun.of("mirror", "plan", "--kops", "1.30.4", "--arch", "amd64", "-o", lock.toString()).exitCode());
        Path cache = dir.resolve("cache");
        CliRun split = CliRun.of("mirror", "pack", "--lock", lock.toString(), "--split", "4", "--cache", cache.toString());
        assertEquals(2, split.exitCode(), split.toString());
        assertTrue(split.err().contains("--split must be at least 1m, not 4 bytes"), split.err());
        CliRun words = CliRun.of("mirror", "pack", "--lock", lock.toString(), "--split", "four gigs", "--cache", cache.toString());
        assertEquals(2, words.exitCode(), words.toString());
        CliRun level = CliRun.of("mirror", "pack", "--lock", lock.toString(), "--level", "30", "--cache", cache.toString());
        assertEquals(2, level.exitCode(), level.toString());
        assertTrue(level.err().contains("--level must be between 1 and 19"), level.err());
        assertFalse(Files.exists(cache), "nothing was downloaded");
    }

    @Test
    void pushAndInspectNameWhatIsMissing(@TempDir Path dir) throws IOException {
        CliRun none = CliRun.of("mirror", "push", dir.resolve("nothere.tar.zst").toString(), "--to", "file:" + dir.resolve("m"));
        assertEquals(2, none.exitCode(), none.toString());
        assertTrue(none.err().contains("no such bundle"), none.err());

        Files.write(dir.resolve("b.tar.zst.000"), new byte[10]);
        CliRun noManifest = CliRun.of("mirror", "inspect", dir.resolve("b.tar.zst").toString());
        assertEquals(1, noManifest.exitCode(), noManifest.toString());
        assertTrue(noManifest.err().contains("not its parts manifest b.tar.zst.parts.json"), noManifest.err());

        Files.write(dir.resolve("c.tar.zst.partial"), new byte[10]);
        CliRun partial = CliRun.of("mirror", "push", dir.resolve("c.tar.zst.partial").toString());
        assertEquals(2, partial.exitCode(), partial.toString());
        assertTrue(partial.err().contains("an unfinished bundle"), partial.err());

        Files.write(dir.resolve("junk.tar.zst"), "not a bundle".getBytes());
        CliRun junk = CliRun.of("mirror", "inspect", dir.resolve("junk.tar.zst").toString());
        assertEquals(1, junk.exitCode(), junk.toString());
        assertTrue(junk.err().contains("is damaged or truncated"), junk.err());

        CliRun s3flag = CliRun.of("mirror", "push", dir.resolve("junk.tar.zst").toString(), "--to", "file:" + dir, "--acl", "public-read");
        assertEquals(2, s3flag.exitCode(), s3flag.toString());
    }
}
