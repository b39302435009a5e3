package dev.ferry.registry.copy;

import dev.ferry.retry.RetryPolicy;
import java.time.Duration;

/**
 * How a copy runs.
 *
 * @param jobs      images resolved, blobs sent and manifests written at once
 * @param blobRetry attempts per blob (each attempt sends the whole blob again)
 * @param resumes   how often a broken blob download is picked up where it broke, within one attempt
 * @param recheck   also walk an image whose tag already points at the wanted digest: every blob is looked up and
 *                  the missing ones sent, every manifest written again (repairs a target that lost a blob or a
 *                  platform's manifest under an intact tag)
 */
public record CopyOptions(int jobs, RetryPolicy blobRetry, RetryPolicy resumes, boolean recheck) {

    public CopyOptions {
        if (jobs < 1) {
            throw new IllegalArgumentException("jobs " + jobs);
        }
    }

    public CopyOptions(int jobs, RetryPolicy blobRetry, RetryPolicy resumes) {
        this(jobs, blobRetry, resumes, false);
    }

    public CopyOptions withRecheck(boolean r) {
        return new CopyOptions(jobs, blobRetry, resumes, r);
    }

    /** {@code jobs} at once, 3 retries per blob (1 s doubling to 30 s), 5 resumes per download. */
    public static CopyOptions defaults(int jobs) {
        return new CopyOptions(jobs, RetryPolicy.exponential(3, Duration.ofSeconds(1), Duration.ofSeconds(30)),
                RetryPolicy.exponential(5, Duration.ofMillis(500), Duration.ofSeconds(10)));
    }
}
