package dev.ferry.retry;

import dev.ferry.error.FerryException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * How often and how patiently Ferry tries again: for downloads (a few attempts, exponential backoff with
 * jitter so parallel jobs that failed together do not retry together) and for polling EC2 (a fixed delay
 * until a deadline). Which failures are worth another attempt is the caller's to say.
 *
 * @param maxAttempts attempts in all, the first included (at least 1)
 * @param firstDelay  the delay before the first retry
 * @param maxDelay    no delay is longer than this
 * @param jitter      scale each delay by a random 0.5–1.0
 * @param deadline    stop when this much time has passed since the first attempt ({@link Duration#ZERO}: no deadline)
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, boolean jitter, Duration deadline) {

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts " + maxAttempts);
        }
    }

    /** {@code retries} retries after the first attempt, doubling from {@code firstDelay} up to {@code maxDelay}, with jitter. */
    public static RetryPolicy exponential(int retries, Duration firstDelay, Duration maxDelay) {
        return new RetryPolicy(retries + 1, firstDelay, maxDelay, true, Duration.ZERO);
    }

    /** Every {@code every} until {@code timeout} has passed. */
    public static RetryPolicy polling(Duration every, Duration timeout) {
        return new RetryPolicy(Integer.MAX_VALUE, every, every, false, timeout);
    }

    /** A policy that tries once. */
    public static RetryPolicy once() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, false, Duration.ZERO);
    }

    /** The delay before retry number {@code retry} (1-based): first × 2^(retry−1), capped, then jittered. */
    public Duration delay(int retry) {
        long base = firstDelay.toMillis() << Math.min(20, Math.max(0, retry - 1));
        long capped = Math.min(base, maxDelay.toMillis());
        double scale = jitter ? 0.5 + ThreadLocalRandom.current().nextDouble() * 0.5 : 1.0;
        return Duration.ofMillis((long) (capped * scale));
    }

    /**
     * Runs {@code attempt} until it succeeds, fails in a way {@code retryable} refuses, or the policy is spent;
     * then the last failure is thrown as it was. {@code listener} hears of each retry before its pause.
     */
    public <T, E extends Exception> T run(Attempt<T, E> attempt, Predicate<? super Exception> retryable,
                                          RetryListener listener) throws E {
        long start = System.nanoTime();
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (Exception e) {
                if (n >= maxAttempts || !retryable.test(e) || pastDeadline(start)) {
                    throw RetryPolicy.<E>as(e);
                }
                Duration delay = delay(n);
                listener.retrying(n, delay, e);
                pause(delay);
            }
        }
    }

    /**
     * Asks {@code check} until it answers, or the policy is spent: empty then. For "wait until the AMI exists"
     * with {@link #polling}; a check throws to stop at once (the image failed).
     */
    public <T> Optional<T> poll(Supplier<Optional<T>> check) {
        long start = System.nanoTime();
        for (int n = 1; ; n++) {
            Optional<T> answer = check.get();
            if (answer.isPresent() || n >= maxAttempts || pastDeadline(start)) {
                return answer;
            }
            pause(delay(n));
        }
    }

    private boolean pastDeadline(long start) {
        return !deadline.isZero() && System.nanoTime() - start >= deadline.toNanos();
    }

    /** Only the attempt's own checked type, or an unchecked exception, can reach here. */
    @SuppressWarnings("unchecked")
    private static <E extends Exception> E as(Exception e) {
        if (e instanceof RuntimeException re) {
            throw re;
        }
        return (E) e;
    }

    /** Sleeps; an interrupt (Ctrl-C, a cancelled job) ends the work with a clear error. */
    public static void pause(Duration d) {
        if (d.isZero() || d.isNegative()) {
            return;
        }
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted", "run the same command again to resume");
        }
    }

    /** One try. */
    @FunctionalInterface
    public interface Attempt<T, E extends Exception> {
        T run() throws E;
    }

    /** Told of each retry, before the pause: for a progress line such as "retrying … in 2 s: HTTP 503". */
    @FunctionalInterface
    public interface RetryListener {
        RetryListener SILENT = (attempt, delay, failure) -> {};

        void retrying(int attempt, Duration delay, Exception failure);
    }
}
