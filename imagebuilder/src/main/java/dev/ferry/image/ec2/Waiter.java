package dev.ferry.image.ec2;

import dev.ferry.error.FerryException;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Polls until a condition holds, never longer than its deadline. The SDK's own waiters poll every 15 s and know
 * nothing of {@code InvalidAMIID.NotFound}; this one takes the delay from image.yaml and lets each check decide.
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
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<T> result = check.get();
            if (result.isPresent()) {
                return result.get();
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new TimedOut("timed out after " + human(timeout) + " waiting for " + what, hint);
            }
            sleep(poll);
        }
    }

    /** A wait that reached its deadline. */
    public static final class TimedOut extends FerryException {
        private static final long serialVersionUID = 1L;

        TimedOut(String message, String hint) {
            super(message, hint);
        }
    }

    public static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted");
        }
    }

    public static String human(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        if (d.toSeconds() < 120) {
            return d.toSeconds() + "s";
        }
        return d.toMinutes() + "m" + (d.toSecondsPart() == 0 ? "" : d.toSecondsPart() + "s");
    }
}
