package dev.ferry.vpc.read;

import dev.ferry.error.FerryException;

/** An EC2 read could not be made at all (exit 1): no credentials to sign it, or no network path to EC2. */
public final class Ec2Unavailable extends FerryException {
    private static final long serialVersionUID = 1L;

    /** Why nothing reached EC2. */
    public enum Reason { NO_CREDENTIALS, UNREACHABLE }

    private final Reason reason;
    private final String endpointHost;

    Ec2Unavailable(Reason reason, String endpointHost, String message, String hint, Throwable cause) {
        super(message, hint, FAILED, cause);
        this.reason = reason;
        this.endpointHost = endpointHost;
    }

    public Reason reason() {
        return reason;
    }

    /** The region's EC2 host, e.g. {@code ec2.cn-north-1.amazonaws.com.cn}. */
    public String endpointHost() {
        return endpointHost;
    }
}
