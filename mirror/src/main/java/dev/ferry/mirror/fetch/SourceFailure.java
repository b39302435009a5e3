package dev.ferry.mirror.fetch;

import dev.ferry.error.NetworkFailure;
import java.io.IOException;

/**
 * One attempt at one source did not give the bytes: why, in {@link NetworkFailure} terms, and whether another
 * attempt at the same source may help (a timeout, a reset, a 5xx) or not (a 404, nobody listening, a bad URL).
 */
final class SourceFailure extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient NetworkFailure failure;
    private final boolean retryable;

    private SourceFailure(String message, NetworkFailure failure, boolean retryable) {
        super(message, null, false, false);
        this.failure = failure;
        this.retryable = retryable;
    }

    /** An I/O failure talking to {@code url}; an unknown host or a refused connection will not change on retry. */
    static SourceFailure of(IOException e, String url) {
        NetworkFailure f = NetworkFailure.of(e, url);
        return new SourceFailure(f.describe(), f, f.transientFailure());
    }

    /** An HTTP answer that is a failure: 5xx, 408 and 429 are worth another attempt. */
    static SourceFailure status(int code, String url) {
        NetworkFailure f = NetworkFailure.status(code, url);
        return new SourceFailure("HTTP " + code, f, f.transientFailure());
    }

    /** Worth another attempt at once, for a reason of the transfer's own (a refused resume, a wrong offset). */
    static SourceFailure again(String why, String url) {
        return new SourceFailure(why, new NetworkFailure(NetworkFailure.Kind.OTHER, NetworkFailure.hostOf(url), 0, why), true);
    }

    /** Not worth another attempt at this source. */
    static SourceFailure permanent(String why, String url) {
        return new SourceFailure(why, new NetworkFailure(NetworkFailure.Kind.OTHER, NetworkFailure.hostOf(url), 0, why), false);
    }

    NetworkFailure failure() {
        return failure;
    }

    boolean retryable() {
        return retryable;
    }

    /** The same failure, no longer worth retrying: what is left when the attempts are spent. */
    SourceFailure gaveUp(int attempts) {
        return new SourceFailure(getMessage() + " (gave up after " + attempts + " attempts)", failure, false);
    }
}
