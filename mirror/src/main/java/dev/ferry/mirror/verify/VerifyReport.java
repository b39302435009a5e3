package dev.ferry.mirror.verify;

import java.time.Duration;
import java.util.List;

/**
 * What {@link Verifier} found.
 *
 * @param store        where the mirror is ({@code s3://bucket/prefix})
 * @param checked      objects checked
 * @param notChecked   objects with no sidecar of either algorithm, skipped when no lock says what to expect
 * @param problems     sorted by key, then kind
 */
public record VerifyReport(String store, VerifyOptions options, int checked, int notChecked, List<Problem> problems,
        long bytesHashed, Duration took) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /** Objects with at least one problem. */
    public long objectsWithProblems() {
        return problems.stream().map(Problem::key).distinct().count();
    }
}
