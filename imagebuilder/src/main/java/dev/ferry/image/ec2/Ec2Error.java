package dev.ferry.image.ec2;

import dev.ferry.error.FerryException;

/** An EC2 API call that failed, with the EC2 error code so the flow can react to specific ones. */
public final class Ec2Error extends FerryException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final boolean outcomeUnknown;

    public Ec2Error(String message, String hint, String code, Throwable cause) {
        this(message, hint, code, false, cause);
    }

    Ec2Error(String message, String hint, String code, boolean outcomeUnknown, Throwable cause) {
        super(message, hint, FAILED, cause);
        this.code = code;
        this.outcomeUnknown = outcomeUnknown;
    }

    /**
     * Whether EC2 may have carried out the call although it failed: no answer arrived (a dropped connection, a
     * timeout) or EC2 answered with an internal error. A create call that failed so must be looked for before it is
     * made again or given up on.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** The EC2 error code, e.g. {@code DependencyViolation}; empty for network failures. */
    public String code() {
        return code;
    }

    public boolean is(String errorCode) {
        return code.equals(errorCode);
    }
}
