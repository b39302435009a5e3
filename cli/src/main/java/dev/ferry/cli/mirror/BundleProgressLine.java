package dev.ferry.cli.mirror;

import dev.ferry.mirror.bundle.BundleProgress;
import dev.ferry.format.Sizes;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Bundle progress on stderr as plain lines (readable in a terminal and in a CI log): the phase, bytes,
 * rate and ETA, at most every two seconds, plus notes as they come.
 */
final class BundleProgressLine implements BundleProgress {
    private static final long EVERY_NANOS = 2_000_000_000L;

    private final PrintWriter err;
    private final boolean quiet;
    private String phase = "";
    private long total;
    private long done;
    private long started;
    private long lastPrinted;

    BundleProgressLine(PrintWriter err, boolean quiet) {
        this.err = err;
        this.quiet = quiet;
    }

    @Override
    public synchronized void phase(String name, long totalBytes) {
        finishPhase();
        phase = name;
        total = totalBytes;
        done = 0;
        started = System.nanoTime();
        lastPrinted = started;
    }

    @Override
    public synchronized void advanced(long bytes) {
        done += bytes;
        long now = System.nanoTime();
        if (now - lastPrinted >= EVERY_NANOS) {
            lastPrinted = now;
            print(now);
        }
    }

    @Override
    public synchronized void note(String message) {
        if (!quiet) {
            err.println("  " + message);
            err.flush();
        }
    }

    /** Prints the final line of the current phase, if it moved any bytes. */
    synchronized void finishPhase() {
        if (!phase.isEmpty() && done > 0) {
            print(System.nanoTime());
        }
        phase = "";
    }

    /** Bytes per second over the current phase so far. */
    synchronized double rate() {
        double seconds = Math.max(1e-3, (System.nanoTime() - started) / 1e9);
        return done / seconds;
    }

    private void print(long now) {
        if (quiet) {
            return;
        }
        double seconds = Math.max(1e-3, (now - started) / 1e9);
        double rate = done / seconds;
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-15s %s", phase, Sizes.human(done)));
        if (total > 0) {
            sb.append(" of ").append(Sizes.human(total)).append(String.format(Locale.ROOT, " (%d%%)", Math.min(100, done * 100 / total)));
        }
        sb.append(String.format(Locale.ROOT, "  %s/s", Sizes.human((long) rate)));
        if (total > done && rate > 0) {
            sb.append(String.format(Locale.ROOT, "  ETA %ds", (long) ((total - done) / rate)));
        }
        err.println(sb);
        err.flush();
    }
}
