package dev.ferry.mirror.fetch;

import dev.ferry.error.FerryException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The right to write one partial download in the cache. Two Ferry runs sharing a cache take turns: the
 * second waits until the first has committed (or died) instead of truncating and rewriting bytes the
 * first is still hashing. It is an OS file lock on a small {@code .lock} file beside the partial, so the
 * kernel drops it when its holder exits, even by SIGKILL: a killed run never blocks the next.
 *
 * <p>Lock files are never deleted: deleting one while another run waits on it would let two runs hold
 * "the" lock on two different files. They are empty, one per download ever started.
 */
final class PartialLock implements AutoCloseable {
    private static final long POLL_MILLIS = 200;

    private final FileChannel channel;
    private final FileLock lock;

    private PartialLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lock, running {@code waiting} once if another run (or another thread of this JVM) holds it first. */
    static PartialLock take(Path lockFile, Runnable waiting) {
        FileChannel ch = null;
        try {
            Files.createDirectories(lockFile.getParent());
            ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(ch);
                if (lock != null) {
                    return new PartialLock(ch, lock);
                }
                if (!told) {
                    waiting.run();
                    told = true;
                }
                Thread.sleep(POLL_MILLIS);
            }
        } catch (IOException e) {
            closeQuietly(ch);
            throw new FerryException("cannot lock " + lockFile + " in the cache: " + e.getMessage(),
                    "check the cache folder's permissions, or choose another with --cache", FerryException.FAILED, e);
        } catch (InterruptedException e) {
            closeQuietly(ch);
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted while waiting for another run's download; run again to resume");
        }
    }

    private static FileLock tryLock(FileChannel ch) throws IOException {
        try {
            return ch.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // another thread of this JVM holds it (a second Fetcher on the same cache)
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException ignored) {
                // nothing was locked through it
            }
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        }
    }
}
