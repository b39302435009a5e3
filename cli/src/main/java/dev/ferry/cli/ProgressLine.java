package dev.ferry.cli;

import dev.ferry.format.Sizes;

import dev.ferry.mirror.progress.ProgressMeter;
import java.io.PrintWriter;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Renders a {@link ProgressMeter} on stderr while work runs: files done, bytes, rate and ETA. On a
 * terminal one line is redrawn every half second; in a log (CI, cron) a line is printed every 10 s.
 */
public final class ProgressLine implements AutoCloseable {
    private final PrintWriter err;
    private final ProgressMeter meter;
    private final boolean terminal;
    private final ScheduledExecutorService timer;
    private boolean drawn;

    public ProgressLine(PrintWriter err, String verb) {
        this.err = err;
        this.terminal = System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
        this.meter = new ProgressMeter(this::note);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "ferry-progress");
            t.setDaemon(true);
            return t;
        });
        long period = terminal ? 500 : 10_000;
        timer.scheduleAtFixedRate(() -> draw(verb), period, period, TimeUnit.MILLISECONDS);
    }

    public ProgressMeter meter() {
        return meter;
    }

    private synchronized void note(String line) {
        clear();
        err.println(line);
        err.flush();
    }

    private synchronized void draw(String verb) {
        ProgressMeter.Snapshot s = meter.snapshot();
        String line = String.format("%s %d/%d files, %s, %s/s%s", verb, s.filesDone(), s.files(), Sizes.human(s.bytes()),
                Sizes.human((long) s.rate()),
                s.etaSeconds().isPresent() ? ", ETA " + Sizes.duration(s.etaSeconds().getAsLong()) : "");
        if (terminal) {
            err.print("\r\033[K" + line);
            drawn = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    private void clear() {
        if (drawn) {
            err.print("\r\033[K");
            drawn = false;
        }
    }

    @Override
    public synchronized void close() {
        timer.shutdownNow();
        clear();
        err.flush();
    }
}
