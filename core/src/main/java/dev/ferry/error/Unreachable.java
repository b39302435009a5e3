package dev.ferry.error;

/**
 * A network peer did not answer usefully: the host is unknown, refused or timed out, or answered with an HTTP
 * status that more attempts will not change. {@link #failure()} groups failures that share one reason.
 */
public final class Unreachable extends FerryException {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final NetworkFailure failure;

    public Unreachable(String url, NetworkFailure failure, String hint) {
        this(url + ": " + failure.describe(), url, failure, hint);
    }

    /** With a message of its own, e.g. naming every source that was tried. */
    public Unreachable(String message, String url, NetworkFailure failure, String hint) {
        super(message, hint);
        this.url = url;
        this.failure = failure;
    }

    public String url() {
        return url;
    }

    public NetworkFailure failure() {
        return failure;
    }
}
