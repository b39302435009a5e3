package dev.ferry.aws;

import dev.ferry.error.FerryException;

/** An EC2 API call that failed, with the EC2 error code so a caller can react to specific ones. */
public final class Ec2Error extends FerryException {
    private static final long serialVersionUID = 1L;

    /** Why the call failed. */
    public enum Reason {
        /** EC2 answered with an error ({@link #code()}). */
        REFUSED,
        /** The SDK found no credentials to sign the call with: nothing reached EC2. */
        NO_CREDENTIALS,
        /** No answer arrived: no network path to EC2, a dropped connection, a timeout. */
        UNREACHABLE
    }

    private final Reason reason;
    private final String code;
    private final boolean outcomeUnknown;
    private final String endpointHost;
    private final String access;

    Ec2Error(Reason reason, String code, boolean outcomeUnknown, String endpointHost, String access, String message, String hint,
             Throwable cause) {
        super(message, hint, FAILED, cause);
        this.reason = reason;
        this.code = code;
        this.outcomeUnknown = outcomeUnknown;
        this.endpointHost = endpointHost;
        this.access = access;
    }

    /** What access the caller needs, in its words ("the check needs only ec2:Describe* …"): for credentials advice. */
    public String access() {
        return access;
    }

    public Reason reason() {
        return reason;
    }

    /** Whether the call failed for want of AWS credentials. */
    public boolean noCredentials() {
        return reason == Reason.NO_CREDENTIALS;
    }

    /**
     * Whether EC2 may have carried out the call although it failed: no answer arrived (a dropped connection, a
     * timeout) or EC2 answered with an internal error. A create call that failed so must be looked for before it is
     * made again or given up on.
     */
    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }

    /** The EC2 error code, e.g. {@code DependencyViolation}; empty when EC2 gave none. */
    public String code() {
        return code;
    }

    public boolean is(String errorCode) {
        return code.equals(errorCode);
    }

    /** The region's EC2 host, e.g. {@code ec2.cn-north-1.amazonaws.com.cn}. */
    public String endpointHost() {
        return endpointHost;
    }
}
