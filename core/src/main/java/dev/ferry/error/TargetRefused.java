package dev.ferry.error;

/** The mirror target (a folder, a bucket, a registry) refused a read or a write. */
public final class TargetRefused extends FerryException {
    private static final long serialVersionUID = 1L;

    private final String target;

    public TargetRefused(String target, String message, String hint, Throwable cause) {
        super(message, hint, FAILED, cause);
        this.target = target;
    }

    public String target() {
        return target;
    }
}
