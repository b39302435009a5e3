package dev.ferry.mirror.bundle;

/** What a bundle reader or writer reports while it works; the CLI draws it on stderr. */
public interface BundleProgress {
    BundleProgress NONE = new BundleProgress() {};

    /** A phase begins ("checking parts", "packing", "pushing") over {@code totalBytes}, when known (else -1). */
    default void phase(String name, long totalBytes) {}

    /** {@code bytes} more of the current phase are done. */
    default void advanced(long bytes) {}

    /** A line worth showing on its own (a skipped asset, a rejected entry). */
    default void note(String message) {}
}
