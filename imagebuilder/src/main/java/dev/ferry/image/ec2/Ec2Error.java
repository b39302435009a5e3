package dev.ferry.image.ec2;

import dev.ferry.error.FerryException;

/** An EC2 API call that failed, with the EC2 error code so the flow can react to specific ones. */
public final class Ec2Error extends FerryException {
    private static final long serialVersionUID = 1L;
    private final String code;
    private final boolean outcomeUnknown;
    private final boolean noCredentials;

    public Ec2Error(String message, String hint, String code, Throwable cause) {
        this(message, hint, code, false, false, cause);
    }

    Ec2Error(String message, String hint, String code, boolean outcomeUnknown, Throwable cause) {
        this(message, hint, code, outcomeUnknown, false, cause);
    }

    private Ec2Error(String message, String hint, String code, boolean outcomeUnknown, boolean noCredentials, Throwable cause) {
        super(message, hint, FAILED, cause);
        this.code = code;
        this.outcomeUnknown = outcomeUnknown;
        this.noCredentials = noCredentials;
    }

    /** The SDK found no credentials to sign {@code action} with: nothing reached EC2. */
    static Ec2Error noCredentials(String action, String region, Throwable cause) {
        return new Ec2Error("no AWS credentials for EC2 " + action + " in " + region
                + " (none in the environment, the ~/.aws profile, a web identity or the instance role)",
                "name an AWS profile (or set AWS_PROFILE), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", "", false, true, cause);
    }

    /** Whether the call failed for want of AWS credentials. */
    public boolean noCredentials() {
        return noCredentials;
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
