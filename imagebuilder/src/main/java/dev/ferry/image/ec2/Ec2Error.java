package dev.ferry.image.ec2;

import dev.ferry.error.FerryException;

/** An EC2 API call that failed, with the EC2 error code so the flow can react to specific ones. */
public final class Ec2Error extends FerryException {
    private static final long serialVersionUID = 1L;
    private final String code;

    public Ec2Error(String message, String hint, String code, Throwable cause) {
        super(message, hint, FAILED, cause);
        this.code = code;
    }

    /** The EC2 error code, e.g. {@code DependencyViolation}; empty for network failures. */
    public String code() {
        return code;
    }

    public boolean is(String errorCode) {
        return code.equals(errorCode);
    }
}
