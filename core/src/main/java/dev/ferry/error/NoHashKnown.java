package dev.ferry.error;

/** No hash could be established for an asset (its checksum file could not be read, or says nothing usable). */
public final class NoHashKnown extends FerryException {
    private static final long serialVersionUID = 1L;

    private final String url;

    public NoHashKnown(String url, String reason, String hint) {
        super("cannot establish the expected hash of " + url + ": " + reason, hint);
        this.url = url;
    }

    public String url() {
        return url;
    }
}
