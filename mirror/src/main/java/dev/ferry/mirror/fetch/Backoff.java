package dev.ferry.mirror.fetch;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with jitter, so parallel jobs that failed together do not retry together. */
record Backoff(Duration first, Duration cap) {

    /** The delay before retry number {@code retry} (1-based): first × 2^(retry−1), capped, then scaled by 0.5–1.0. */
    Duration delay(int retry) {
        long base = first.toMillis() << Math.min(20, retry - 1);
        long capped = Math.min(base, cap.toMillis());
        double jitter = 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5;
        return Duration.ofMillis((long) (capped * jitter));
    }
}
