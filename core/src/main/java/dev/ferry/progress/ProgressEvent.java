package dev.ferry.progress;

/**
 * What long work reports, as events on a tree of tasks: a task starts under its parent, plans how much work it
 * holds, moves bytes, says things, and finishes. One listener (the CLI's renderer) hears every event of a run.
 */
public sealed interface ProgressEvent {

    /** The task the event is about. */
    Task task();

    /** A task in the tree; {@code parent} is 0 for a root. */
    record Task(long id, long parent, String description) {}

    /** How loud a line is: a step, something to read even in a green run, or a line of a tool's own output. */
    enum Level { INFO, WARN, OUTPUT }

    record Started(Task task) implements ProgressEvent {}

    /** The task holds {@code items} pieces (its children, counted as they finish) and {@code bytes} bytes (0: unknown). */
    record Planned(Task task, long items, String itemNoun, long bytes) implements ProgressEvent {}

    /** {@code bytes} more bytes moved (downloaded, uploaded, read), as they move. */
    record Moved(Task task, long bytes) implements ProgressEvent {}

    record Said(Task task, Level level, String text) implements ProgressEvent {}

    record Finished(Task task) implements ProgressEvent {}
}
