package dev.ferry.format;

import dev.ferry.error.FerryException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes a text file beside its target and renames it into place, so a reader never sees half of it:
 * a half-written user-data file boots a broken node, a half-written cache entry lies.
 */
public final class AtomicFile {
    private AtomicFile() {}

    public static void write(Path file, String text) throws IOException {
        Path abs = file.toAbsolutePath();
        Path dir = Files.createDirectories(abs.getParent());
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        try {
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** {@link #write} for output the user asked for: a failure is a {@link FerryException} naming the file. */
    public static void writeOutput(Path file, String text) {
        try {
            write(file, text);
        } catch (IOException e) {
            throw new FerryException("cannot write " + file + ": " + e.getMessage(), "check the folder exists and is writable",
                    FerryException.FAILED, e);
        }
    }
}
