package dev.ferry.registry.client;

import java.time.Duration;
import java.time.Instant;

/** A token from a registry's token server, good until {@code expires}. */
record BearerToken(String token, Instant expires) {
    /** Tokens are renewed this long before they run out, so a request never leaves with a dying one. */
    static final Duration MARGIN = Duration.ofSeconds(10);

    boolean fresh(Instant now) {
        return now.plus(MARGIN).isBefore(expires);
    }

    @Override
    public String toString() {
        return "token until " + expires;
    }
}
