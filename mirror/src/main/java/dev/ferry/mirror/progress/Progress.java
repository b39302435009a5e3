package dev.ferry.mirror.progress;

/**
 * What long work reports while it runs: sync and pack call it from their worker threads, the CLI
 * renders it on stderr. Every method must be cheap and thread-safe; all have no-op defaults.
 */
public interface Progress {
    /** Nothing is reported. */
    Progress NONE = new Progress() {};

    /** The work ahead: {@code files} files, of which {@code knownBytes} bytes are known in advance (0 when unknown). */
    default void planned(int files, long knownBytes) {}

    /** {@code bytes} more bytes moved (downloaded or uploaded), as they move. */
    default void transferred(long bytes) {}

    /** A file is finished, one way or another (published, skipped, failed). */
    default void fileDone(String name) {}

    /** A notable event worth a line of its own, e.g. "retrying … in 2 s: HTTP 503". */
    default void note(String line) {}
}
