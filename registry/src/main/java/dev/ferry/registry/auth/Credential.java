package dev.ferry.registry.auth;

import java.nio.charset.StandardCharsets;

/** A user name and a password (or token) for a registry. Never printed: {@link #toString()} hides the secret. */
public record Credential(String username, String secret) {

    /** The {@code Authorization} value for Basic auth. */
    public String basic() {
        return okhttp3.Credentials.basic(username, secret, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return username + ":***";
    }
}
