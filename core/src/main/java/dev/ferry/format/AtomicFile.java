package dev.ferry.format;

import dev.ferry.error.FerryException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * The one way Ferry puts a file in place: write it under a temporary name beside the target, fsync it, rename
 * it over the target, fsync the folder. A reader never sees half a file, and after a crash the target is the
 * old file or the new one, never a torn mix: a half-written user-data file boots a broken node, a half-written
 * cache entry or sidecar lies.
 */
public final class AtomicFile {
    private AtomicFile() {}

    public static void write(Path file, String text) throws IOException {
        write(file, text.getBytes(StandardCharsets.UTF_8));
    }

    public static void write(Path file, byte[] bytes) throws IOException {
        Path abs = file.toAbsolutePath();
        Path tmp = temporary(abs);
        try {
            Files.write(tmp, bytes);
            commit(tmp, abs);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** A fresh temporary name beside {@code target} (hidden, ending in {@code .tmp}), its folder created. */
    public static Path temporary(Path target) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = Files.createDirectories(abs.getParent());
        return Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
    }

    /** Puts a fully written {@code temporary} file in place as {@code target}: fsync, rename, fsync the folder. */
    public static void commit(Path temporary, Path target) throws IOException {
        fsync(temporary);
        place(temporary, target);
    }

    /** {@link #commit} for a temporary file its writer fsynced already: renamed over {@code target}, the folder fsynced. */
    public static void place(Path fsyncedTemporary, Path target) throws IOException {
        rename(fsyncedTemporary, target);
        fsyncFolder(target.toAbsolutePath().getParent());
    }

    /**
     * The rename step alone, for a writer that fsynced {@code temporary} itself and renames two files as close
     * together as it can (an object, then its sidecar), fsyncing their folders after.
     */
    public static void rename(Path temporary, Path target) throws IOException {
        try {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            // a file system without atomic rename (some network mounts): the best it offers
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Flushes a file's bytes to the disk. */
    public static void fsync(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
    }

    /** Makes a rename in {@code dir} durable. Some file systems refuse to open a folder; the rename itself stands. */
    public static void fsyncFolder(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException e) {
            // not supported here (some file systems, Windows): the rename is done, only its durability is the OS's
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
