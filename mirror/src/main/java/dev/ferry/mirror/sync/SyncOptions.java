package dev.ferry.mirror.sync;

import dev.ferry.mirror.layout.Layout;
import java.util.Objects;

/**
 * How a sync runs.
 *
 * @param layout the mirror layout (decides keys and the sidecar algorithm)
 * @param jobs   assets worked on in parallel
 * @param dryRun decide and report, publish nothing
 * @param force  republish even when the target's sidecar already matches
 */
public record SyncOptions(Layout layout, int jobs, boolean dryRun, boolean force) {
    public SyncOptions {
        Objects.requireNonNull(layout, "layout");
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs must be at least 1");
        }
    }
}
