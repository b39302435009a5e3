package dev.ferry.progress;

/** Hears every event of a run, from any worker thread: must be cheap and thread-safe. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = event -> {};

    void on(ProgressEvent event);
}
