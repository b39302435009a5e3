package dev.ferry.cli.image;

import dev.ferry.image.Progress;
import java.io.PrintWriter;

/** Progress of an image command on stderr, each line with the time since the start ({@code [ 3m07s]}). */
final class StderrProgress implements Progress {
    private final PrintWriter err;
    private final long start = System.nanoTime();

    StderrProgress(PrintWriter err) {
        this.err = err;
    }

    private String clock() {
        long s = (System.nanoTime() - start) / 1_000_000_000L;
        return String.format("[%3dm%02ds] ", s / 60, s % 60);
    }

    @Override
    public synchronized void info(String message) {
        err.println(clock() + message);
        err.flush();
    }

    @Override
    public synchronized void warn(String message) {
        err.println(clock() + "warning: " + message);
        err.flush();
    }

    @Override
    public synchronized void output(String step, String line) {
        err.println(clock() + "  " + step + " | " + line);
        err.flush();
    }
}
