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

    /** Objects already there whose ACL (and their sidecars') was set to the one asked for. */
    public long aclsSet() {
        return outcomes.stream().filter(SyncOutcome::aclSet).count();
    }

    /**
     * Assets the lock does not pin: their hash is read from the upstream sidecar at download (the bytes must match
     * it), so they are only as good as that sidecar on that day.
     */
    public long unpinned() {
        return outcomes.stream().filter(o -> !o.asset().hash().isPinned()).count();
    }

    public boolean ok() {
        return failures().isEmpty();
    }
}
