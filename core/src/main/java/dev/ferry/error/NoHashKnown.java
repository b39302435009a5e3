package dev.ferry.error;

import java.util.Optional;

/**
 * No hash could be established for an asset (its checksum file could not be read, or says nothing usable).
 * {@link #failure()} is the network failure that kept the checksum file away, when that was the reason.
 */
public final class NoHashKnown extends FerryException {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final transient Optional<NetworkFailure> failure;

    public NoHashKnown(String url, String reason, String hint) {
        this(url, reason, hint, Optional.empty());
    }

    public NoHashKnown(String url, String reason, String hint, Optional<NetworkFailure> failure) {
        super("cannot establish the expected hash of " + url + ": " + reason, hint);
        this.url = url;
        this.failure = failure;
    }

    public String url() {
        return url;
    }

    public Optional<NetworkFailure> failure() {
        return failure;
    }
}
