package dev.ferry.cli;

import dev.ferry.format.Sizes;
import dev.ferry.progress.ProgressEvent;
import dev.ferry.progress.ProgressListener;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one renderer of Ferry's progress tree on stderr: bytes done of the total, rate, ETA and the file being
 * worked on. On a terminal it is one live line, redrawn twice a second; in a log (CI, cron) a line every five
 * seconds. Lines the work says (retries, warnings, a tool's output) print on their own, above the live line;
 * with {@code clock} each starts with the time since the start ({@code [ 3m07s]}), as long EC2 jobs want.
 */
public final class TerminalProgress implements ProgressListener, AutoCloseable {
    private static final long TERMINAL_MS = 500;
    private static final long LOG_MS = 5_000;

    private final PrintWriter err;
    private final boolean terminal;
    private final boolean clock;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService timer;
    /** Tasks that planned items, by id: a child of one counts as an item when it finishes. */
    private final Map<Long, String> counting = new HashMap<>();
    private final Map<Long, String> running = new HashMap<>();
    /** Items planned and done, by noun ("files"; "images" and their "blobs"), in the order first planned. */
    private final Map<String, long[]> items = new LinkedHashMap<>();
    private long bytesTotal;
    private long bytesDone;
    private String current = "";
    private String verb = "";
    private boolean drawn;

    private TerminalProgress(PrintWriter err, boolean terminal, boolean clock, boolean live) {
        this.err = err;
        this.terminal = terminal;
        this.clock = clock;
        if (live) {
            this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ferry-progress");
                t.setDaemon(true);
                return t;
            });
            long period = terminal ? TERMINAL_MS : LOG_MS;
            timer.scheduleAtFixedRate(this::draw, period, period, TimeUnit.MILLISECONDS);
        } else {
            this.timer = null;
        }
    }

    /** Transfers: a progress line with bytes, rate and ETA, and the lines the work says. */
    public static TerminalProgress transfers(PrintWriter err) {
        return new TerminalProgress(err, isTerminal(), false, true);
    }

    /** Long EC2/SSH jobs: every line with the time since the start; no live line. */
    public static TerminalProgress steps(PrintWriter err) {
        return new TerminalProgress(err, false, true, false);
    }

    private static boolean isTerminal() {
        String term = System.getenv("TERM");
        return System.console() != null && term != null && !term.equals("dumb");
    }

    @Override
    public synchronized void on(ProgressEvent event) {
        if (event instanceof ProgressEvent.Started s) {
            if (s.task().parent() == 0 && verb.isEmpty()) {
                verb = s.task().description();
            }
            running.put(s.task().id(), s.task().description());
            if (!s.task().description().isEmpty() && counting.containsKey(s.task().parent())) {
                current = s.task().description();
            }
        } else if (event instanceof ProgressEvent.Planned p) {
            if (p.items() > 0) {
                counting.put(p.task().id(), p.itemNoun());
                items.computeIfAbsent(p.itemNoun(), n -> new long[2])[0] += p.items();
            }
            bytesTotal += p.bytes();
        } else if (event instanceof ProgressEvent.Moved m) {
            bytesDone += m.bytes();
        } else if (event instanceof ProgressEvent.Said s) {
            say(s);
        } else if (event instanceof ProgressEvent.Finished f) {
            running.remove(f.task().id());
            counting.remove(f.task().id());
            String parentNoun = counting.get(f.task().parent());
            if (parentNoun != null) {
                items.get(parentNoun)[1]++;
            }
        }
    }

    private void say(ProgressEvent.Said s) {
        clear();
        String prefix = clock ? clock() : "";
        String line = switch (s.level()) {
            case INFO -> s.text();
            case WARN -> "warning: " + s.text();
            case OUTPUT -> "  " + s.task().description() + " | " + s.text();
        };
        err.println(prefix + line);
        err.flush();
    }

    private String clock() {
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        return String.format(Locale.ROOT, "[%3dm%02ds] ", seconds / 60, seconds % 60);
    }

    /**
     * The live line: "syncing: 3/22 files, 1.2 GiB of 2.0 GiB, 310 MiB/s, ETA 3s - release/…/kubelet"; with items of
     * two kinds, "copying images: 2/18 images, 14/41 blobs, …".
     */
    synchronized String line(boolean withCurrent) {
        double seconds = Math.max(1e-3, (System.nanoTime() - start) / 1e9);
        long rate = (long) (bytesDone / seconds);
        StringBuilder sb = new StringBuilder(verb.isEmpty() ? "" : verb + ": ");
        sb.append(String.join(", ", items.entrySet().stream().map(e -> e.getValue()[1] + "/" + e.getValue()[0] + " " + e.getKey()).toList()));
        if (bytesDone > 0 || bytesTotal > 0) {
            sb.append(items.isEmpty() ? "" : ", ").append(Sizes.human(bytesDone));
            if (bytesTotal > 0) {
                sb.append(" of ").append(Sizes.human(bytesTotal));
            }
            sb.append(", ").append(Sizes.human(rate)).append("/s");
            if (bytesTotal > bytesDone && rate > 0) {
                sb.append(", ETA ").append(Sizes.duration((bytesTotal - bytesDone) / rate));
            }
        }
        if (withCurrent && !current.isEmpty() && running.size() > 1) {
            sb.append(" - ").append(current);
        }
        return sb.toString();
    }

    private synchronized void draw() {
        if (items.isEmpty() && bytesDone == 0) {
            return; // nothing planned or moved yet: no line to show
        }
        String line = line(true);
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

    /** Ends the live line with one last line of where the work got to, for the terminal and the log alike. */
    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
            clear();
            if (!items.isEmpty() || bytesDone > 0) {
                err.println(line(false));
            }
        }
        err.flush();
    }
}
