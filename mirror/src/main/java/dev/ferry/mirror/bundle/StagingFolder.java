package dev.ferry.mirror.bundle;

import dev.ferry.error.FerryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Where verified assets wait for upload during a push: the folder the user gave, or a temporary one that is
 * removed at the end, and on Ctrl-C or TERM too, so verified-but-unpublished copies do not pile up in /tmp
 * (a KILL can leave it; it is still a temporary folder).
 */
public final class StagingFolder implements AutoCloseable {
    private final Path path;
    private final Optional<Thread> cleanup;

    private StagingFolder(Path path, Optional<Thread> cleanup) {
        this.path = path;
        this.cleanup = cleanup;
    }

    static StagingFolder of(Optional<Path> given) {
        if (given.isEmpty()) {
            return temporaryIn(Optional.empty(), "ferry-push-");
        }
        try {
            return new StagingFolder(Files.createDirectories(given.get()), Optional.empty());
        } catch (IOException e) {
            throw new FerryException("cannot use the staging folder " + given.get() + ": "
                    + e.getMessage(), "give a writable folder with room for the parallel uploads", FerryException.FAILED, e);
        }
    }

    /** A fresh folder inside {@code parent} (or the system temp folder), removed on close either way. */
    public static StagingFolder temporaryIn(Optional<Path> parent, String prefix) {
        try {
            Path temp = parent.isPresent() ? Files.createTempDirectory(Files.createDirectories(parent.get()), prefix)
                    : Files.createTempDirectory(prefix);
            Thread hook = new Thread(() -> deleteTree(temp), "ferry-push-cleanup");
            Runtime.getRuntime().addShutdownHook(hook);
            return new StagingFolder(temp, Optional.of(hook));
        } catch (IOException e) {
            throw new FerryException("cannot make a staging folder in " + parent.map(Path::toString).orElse("the system temp folder") + ": "
                    + e.getMessage(), "give --staging a writable folder with room for the images", FerryException.FAILED, e);
        }
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        cleanup.ifPresent(hook -> {
            deleteTree(path);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        });
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException ignored) {
            // already gone
        }
    }
}
