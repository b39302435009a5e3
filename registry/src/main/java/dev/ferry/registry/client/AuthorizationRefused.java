package dev.ferry.registry.client;

import dev.ferry.error.FerryException;

/**
 * A registry wants a credential Ferry does not have, or refused the one it sent: what {@code verify --anonymous}
 * reports as "not pullable without credentials", and a login problem otherwise.
 */
public final class AuthorizationRefused extends FerryException {
    public AuthorizationRefused(String message, String hint) {
        super(message, hint);
    }

    /** Whether {@code e} says the registry refused (or wanted) authorization: this type, or an HTTP 401 or 403 answer. */
    public static boolean in(FerryException e) {
        return e instanceof AuthorizationRefused || dev.ferry.error.FailureGroups.networkOf(e)
                .filter(f -> f.kind() == dev.ferry.error.NetworkFailure.Kind.HTTP_STATUS && (f.status() == 401 || f.status() == 403)).isPresent();
    }
}
