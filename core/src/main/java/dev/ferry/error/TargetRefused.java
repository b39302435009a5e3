package dev.ferry.error;

/**
 * The mirror target (a folder, a bucket, a registry) refused a read or a write. {@link #reason()} is what every
 * refusal of one cause shares ("403 AccessDenied", "no space left"), so many can be reported as one.
 */
public final class TargetRefused extends FerryException {
    private static final long serialVersionUID = 1L;

    private final String target;
    private final String reason;

    public TargetRefused(String target, String message, String hint, Throwable cause) {
        this(target, "", message, hint, cause);
    }

    public TargetRefused(String target, String reason, String message, String hint, Throwable cause) {
        super(message, hint, FAILED, cause);
        this.target = target;
        this.reason = reason;
    }

    public String target() {
        return target;
    }

    /** The refusal without the object it concerns; "" when unknown. */
    public String reason() {
        return reason;
    }
}
