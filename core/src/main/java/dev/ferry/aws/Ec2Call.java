package dev.ferry.aws;

import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * EC2 calls in one region, with SDK failures turned into {@link Ec2Error}s that name the action (which is also the
 * IAM permission), say why it failed and what to do. A not-found answer the caller expects comes back as empty.
 */
public final class Ec2Call {
    private static final Set<String> THROTTLING = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException");
    /**
     * 5xx codes after which a call may still have been carried out. Throttling and the Insufficient*Capacity codes
     * are 5xx too, but EC2 refused those calls.
     */
    private static final Set<String> MAYBE_DONE = Set.of("", "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable");

    private final AwsRegion region;
    private final String permissions;
    private final Function<String, Optional<String>> hints;

    /**
     * @param permissions where the caller's IAM permissions are listed, added to a refusal's hint: "the check needs
     *                    only ec2:Describe*"
     * @param hints       the caller's own hint for an error code (a setting to check), before the common ones
     */
    public Ec2Call(AwsRegion region, String permissions, Function<String, Optional<String>> hints) {
        this.region = region;
        this.permissions = permissions;
        this.hints = hints;
    }

    public AwsRegion region() {
        return region;
    }

    /** Runs {@code request}; throws on any failure. */
    public <T> T run(String action, Supplier<T> request) {
        return runUnless(action, "", request).orElseThrow();
    }

    /** Runs {@code request}; empty when EC2 answers with {@code notFoundCode} (e.g. {@code InvalidSubnetID.NotFound}). */
    public <T> Optional<T> runUnless(String action, String notFoundCode, Supplier<T> request) {
        String host = "ec2." + region + "." + region.dnsSuffix();
        try {
            return Optional.of(request.get());
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
            if (!notFoundCode.isEmpty() && code.equals(notFoundCode)) {
                return Optional.empty();
            }
            String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage();
            boolean unknown = e.statusCode() >= 500 && MAYBE_DONE.contains(code);
            throw new Ec2Error(Ec2Error.Reason.REFUSED, code, unknown, host, permissions, "EC2 " + action + " in " + region + " failed: "
                    + (code.isEmpty() ? "HTTP " + e.statusCode() : code) + ": " + message,
                    hints.apply(code).orElseGet(() -> hint(action, code, e.statusCode())), e);
        } catch (SdkClientException e) {
            if (MissingCredentials.in(e)) {
                throw new Ec2Error(Ec2Error.Reason.NO_CREDENTIALS, "", false, host, permissions, "no AWS credentials for EC2 " + action
                        + " in " + region + " (none in the environment, the ~/.aws profile, a web identity or the instance role)",
                        "name an AWS profile (or set AWS_PROFILE), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; " + permissions, e);
            }
            throw new Ec2Error(Ec2Error.Reason.UNREACHABLE, "", true, host, permissions, "cannot reach EC2 for " + action + " in " + region
                    + ": " + e.getMessage(), "check the network path to " + host + " (or use a VPC endpoint of EC2)", e);
        }
    }

    private String hint(String action, String code, int status) {
        if (THROTTLING.contains(code)) {
            return "EC2 kept throttling this account after every retry; run again later";
        }
        return switch (code) {
            case "UnauthorizedOperation", "AccessDenied", "AccessDeniedException" ->
                    "allow ec2:" + action + " for the identity running Ferry; " + permissions;
            case "AuthFailure" -> "check the AWS credentials (profile, environment or instance role) for this region's partition";
            default -> status >= 500 ? "run again; if it persists, check the EC2 service health of this region" : null;
        };
    }
}
