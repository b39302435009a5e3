package dev.ferry.error;

/** Bytes from {@code url} do not have the hash the lock expects: nothing of them was published. */
public final class HashMismatch extends FerryException {
    private static final long serialVersionUID = 1L;

    private final String url;
    private final String algorithm;
    private final String expected;
    private final String actual;

    public HashMismatch(String url, String algorithm, String expected, String actual, String detail) {
        super(algorithm + " mismatch for " + url + ": expected " + expected + ", got " + actual + (detail.isEmpty() ? "" : " (" + detail + ")"),
                "the file upstream is not the one the lock expects; nothing was published for it. Check the lock's hash and the source");
        this.url = url;
        this.algorithm = algorithm;
        this.expected = expected;
        this.actual = actual;
    }

    public String url() {
        return url;
    }

    public String algorithm() {
        return algorithm;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
