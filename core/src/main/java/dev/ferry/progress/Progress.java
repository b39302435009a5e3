package dev.ferry.progress;

import dev.ferry.progress.ProgressEvent.Level;
import dev.ferry.progress.ProgressEvent.Task;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A handle on one task of the progress tree (as Jib's progress dispatcher): a job makes a root, each step or
 * file a child, and every handle reports into the same listener. Closing a handle finishes its task; a child
 * of a task that planned items counts as one item done when it finishes.
 *
 * <pre>{@code
 * try (Progress sync = Progress.root("syncing", listener)) {
 *     sync.plan(assets.size(), "files", knownBytes);
 *     try (Progress file = sync.child(key)) { file.moved(n); }
 * }
 * }</pre>
 */
public final class Progress implements AutoCloseable {
    private static final AtomicLong IDS = new AtomicLong();
    private static final Progress NONE = new Progress(new Task(0, 0, ""), ProgressListener.NONE);

    private final Task task;
    private final ProgressListener listener;
    private final AtomicBoolean finished = new AtomicBoolean();

    private Progress(Task task, ProgressListener listener) {
        this.task = task;
        this.listener = listener;
    }

    /** A new tree whose events go to {@code listener}. */
    public static Progress root(String description, ProgressListener listener) {
        return start(0, description, listener);
    }

    /** Reports nothing: for callers (tests, libraries used quietly) that do not watch. */
    public static Progress none() {
        return NONE;
    }

    private static Progress start(long parent, String description, ProgressListener listener) {
        if (listener == ProgressListener.NONE) {
            return NONE;
        }
        Progress p = new Progress(new Task(IDS.incrementAndGet(), parent, description), listener);
        listener.on(new ProgressEvent.Started(p.task));
        return p;
    }

    /** A sub-task: a file, a blob, a phase. */
    public Progress child(String description) {
        return start(task.id(), description, listener);
    }

    /** A sub-task of {@code bytes} bytes (0: unknown), such as a phase: "checking parts", "packing". */
    public Progress phase(String description, long bytes) {
        Progress p = child(description);
        p.plan(0, "", bytes);
        return p;
    }

    /** This task holds {@code items} children to count (as {@code noun}: "files", "parts") and {@code bytes} bytes (0: unknown). */
    public void plan(long items, String noun, long bytes) {
        listener.on(new ProgressEvent.Planned(task, items, noun, bytes));
    }

    /** {@code bytes} more bytes moved. */
    public void moved(long bytes) {
        if (bytes > 0) {
            listener.on(new ProgressEvent.Moved(task, bytes));
        }
    }

    /** A step worth a line: "retrying … in 2 s: HTTP 503", "waiting for ami-… to become available". */
    public void info(String line) {
        listener.on(new ProgressEvent.Said(task, Level.INFO, line));
    }

    /** Something to read even in a green run: an unverified host key, a leftover resource. */
    public void warn(String line) {
        listener.on(new ProgressEvent.Said(task, Level.WARN, line));
    }

    /** A line of a tool's own output (a bake step's shell). */
    public void output(String line) {
        listener.on(new ProgressEvent.Said(task, Level.OUTPUT, line));
    }

    public String description() {
        return task.description();
    }

    /** Finishes the task; once only. */
    @Override
    public void close() {
        if (this != NONE && finished.compareAndSet(false, true)) {
            listener.on(new ProgressEvent.Finished(task));
        }
    }
}
