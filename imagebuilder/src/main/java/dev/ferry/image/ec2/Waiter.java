package dev.ferry.image.ec2;

import dev.ferry.error.FerryException;
import dev.ferry.format.Sizes;
import dev.ferry.retry.RetryPolicy;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls EC2 until a condition holds, never longer than its deadline: Ferry's {@link RetryPolicy} in its polling
 * form. The SDK's own waiters poll every 15 s and know nothing of {@code InvalidAMIID.NotFound} in the fresh-AMI
 * window; this one takes the delay from image.yaml and lets each check decide what "not yet" means.
 */
public final class Waiter {
    private final Duration poll;

    public Waiter(Duration poll) {
        this.poll = poll;
    }

    public Duration poll() {
        return poll;
    }

    /**
     * Calls {@code check} until it returns a value; fails after {@code timeout} with "timed out waiting for
     * {@code what}". A check throws to stop early (e.g. the image went to {@code failed}).
     */
    public <T> T until(String what, Duration timeout, String hint, Supplier<Optional<T>> check) {
        return RetryPolicy.polling(poll, timeout).poll(check)
                .orElseThrow(() -> new TimedOut("timed out after " + Sizes.duration(timeout) + " waiting for " + what, hint));
    }

    /** Calls {@code check} until it returns a value or {@code timeout} passes; empty then (nothing to wait for any more). */
    public <T> Optional<T> within(Duration timeout, Supplier<Optional<T>> check) {
        return RetryPolicy.polling(poll, timeout).poll(check);
    }

    /** A wait that reached its deadline. */
    public static final class TimedOut extends FerryException {
        private static final long serialVersionUID = 1L;

        TimedOut(String message, String hint) {
            super(message, hint);
        }
    }
}
