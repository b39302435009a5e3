package dev.ferry.registry.store;

import dev.ferry.error.FerryException;
import java.io.IOException;

/**
 * The source of a blob failed while its bytes were being sent on (into an upload body, a file): carried as an
 * {@link IOException} through the writer, so the target's client can tell it from a failure of its own.
 */
public final class SourceFailure extends IOException {
    private static final long serialVersionUID = 1L;

    public SourceFailure(FerryException failure) {
        super(failure.getMessage(), failure);
    }

    public FerryException failure() {
        return (FerryException) getCause();
    }

    /** The source failure in {@code e}'s causes, if any. */
    public static java.util.Optional<FerryException> in(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceFailure s) {
                return java.util.Optional.of(s.failure());
            }
        }
        return java.util.Optional.empty();
    }
}
