package dev.ferry.mirror.progress;

import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Counts what a {@link Progress} is told and turns it into files done, bytes, rate and ETA.
 * Notes are passed on to {@code notes} as they come.
 */
public final class ProgressMeter implements Progress {

    /** A moment's view of the work: what the CLI prints. */
    public record Snapshot(int filesDone, int files, long bytes, long knownBytes, Duration elapsed) {
        /** Bytes per second since the start. */
        public double rate() {
            double s = elapsed.toMillis() / 1000.0;
            return s <= 0 ? 0 : bytes / s;
        }

        /** Time left at the current rate, when the total is known and bytes are moving. */
        public OptionalLong etaSeconds() {
            double rate = rate();
            if (knownBytes <= 0 || rate <= 0 || bytes >= knownBytes) {
                return OptionalLong.empty();
            }
            return OptionalLong.of((long) Math.ceil((knownBytes - bytes) / rate));
        }
    }

    private final long start = System.nanoTime();
    private final AtomicInteger files = new AtomicInteger();
    private final AtomicInteger done = new AtomicInteger();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicLong knownBytes = new AtomicLong();
    private final Consumer<String> notes;

    public ProgressMeter(Consumer<String> notes) {
        this.notes = notes;
    }

    @Override
    public void planned(int fileCount, long known) {
        files.addAndGet(fileCount);
        knownBytes.addAndGet(known);
    }

    @Override
    public void transferred(long n) {
        bytes.addAndGet(n);
    }

    @Override
    public void fileDone(String name) {
        done.incrementAndGet();
    }

    @Override
    public void note(String line) {
        notes.accept(line);
    }

    public Snapshot snapshot() {
        return new Snapshot(done.get(), files.get(), bytes.get(), knownBytes.get(), Duration.ofNanos(System.nanoTime() - start));
    }
}
