package dev.ferry.mirror.sync;

import java.time.Duration;
import java.util.List;

/** Everything a sync did, in lock order, and how long it took. */
public record SyncReport(String target, boolean dryRun, List<SyncOutcome> outcomes, Duration elapsed) {
    public SyncReport {
        outcomes = List.copyOf(outcomes);
    }

    public long count(SyncOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** Bytes of the objects published. */
    public long bytesPublished() {
        return outcomes.stream().mapToLong(SyncOutcome::bytes).sum();
    }

    public List<SyncOutcome> failures() {
        return outcomes.stream().filter(o -> o.status() == SyncOutcome.Status.FAILED).toList();
    }

    public boolean ok() {
        return failures().isEmpty();
    }
}
