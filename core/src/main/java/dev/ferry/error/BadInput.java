package dev.ferry.error;

/** The input is wrong (a flag, a manifest, a lock, a URL): nothing was tried. Exit code 2. */
public final class BadInput extends FerryException {
    private static final long serialVersionUID = 1L;

    public BadInput(String message, String hint) {
        super(message, hint, BAD_USAGE, null);
    }

    public BadInput(String message, String hint, Throwable cause) {
        super(message, hint, BAD_USAGE, cause);
    }
}
