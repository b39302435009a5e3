package dev.ferry.e2e.sync;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What a sync into a folder mirror starts from, fresh for each test: an {@link Upstream} on 127.0.0.1 and a
 * folder of the test's own holding the lock ({@code ferry.lock}), the mirror ({@code mirror/}) and the cache
 * ({@code cache/}). A JUnit extension, registered as an instance field of the test class.
 */
final class FolderMirror implements BeforeEachCallback, AfterEachCallback {
    private Upstream upstream;
    private Path dir;
    private TestLock served;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("ferry-folder-mirror");
        upstream = Upstream.start();
        served = new TestLock();
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        upstream.close();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    Upstream upstream() {
        return upstream;
    }

    /** The test's own folder, for anything beside the lock, the mirror and the cache. */
    Path dir() {
        return dir;
    }

    Path lock() {
        return dir.resolve("ferry.lock");
    }

    Path mirror() {
        return dir.resolve("mirror");
    }

    Path cache() {
        return dir.resolve("cache");
    }

    /** Serves {@code bytes} at {@code path}; the lock {@link #writeLock()} writes knows their sha256. */
    FolderMirror serve(String path, byte[] bytes) {
        upstream.file(path, bytes);
        served.known(upstream.url(path), bytes);
        return this;
    }

    /** Writes the lock of what was {@link #serve served}, in that order. */
    Path writeLock() {
        return served.write(lock());
    }

    /** Writes {@code lock} as the lock (for assets whose hash the lock does not know). */
    Path writeLock(TestLock lock) {
        return lock.write(lock());
    }

    /** {@code ferry mirror sync} of the lock into the mirror folder through the cache, then {@code more}. */
    List<String> syncArgs(String... more) {
        return Cli.args(List.of("mirror", "sync", "--lock", lock().toString(), "--to", "file:" + mirror(), "--cache", cache().toString()), more);
    }

    Cli.Result sync(String... more) {
        return Cli.run(syncArgs(more));
    }

    /** {@code ferry mirror verify} of the mirror folder against the lock, then {@code more}. */
    Cli.Result verify(String... more) {
        return Cli.run(Cli.args(List.of("mirror", "verify", "--lock", lock().toString(), "--to", "file:" + mirror()), more));
    }
}
