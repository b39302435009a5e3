package dev.ferry.bootstrap.maxpods;

import dev.ferry.error.FerryException;

/**
 * The limits of an instance type cannot be had from the source asked: it does not know the type (exit 2), or EC2
 * refused, could not be reached, or answered without limits (exit 1). {@link #reason()} lets a caller name its own
 * way to another source.
 */
public final class LimitsUnavailable extends FerryException {
    private static final long serialVersionUID = 1L;

    /** Why no limits came. */
    public enum Reason {
        /** The source does not know the instance type. */
        UNKNOWN_TYPE,
        /** EC2 answered DescribeInstanceTypes with an error (credentials, permissions). */
        EC2_REFUSED,
        /** EC2 could not be called (no network path, no credentials). */
        EC2_UNREACHABLE,
        /** EC2 answered, but without the network or vCPU limits. */
        EC2_INCOMPLETE
    }

    private final Reason reason;
    private final String instanceType;

    LimitsUnavailable(Reason reason, String instanceType, String message, String hint, Throwable cause) {
        super(message, hint, reason == Reason.UNKNOWN_TYPE ? BAD_USAGE : FAILED, cause);
        this.reason = reason;
        this.instanceType = instanceType;
    }

    public Reason reason() {
        return reason;
    }

    public String instanceType() {
        return instanceType;
    }
}
