package dev.ferry.vpc.read;

import dev.ferry.aws.AwsRegion;
import dev.ferry.error.FerryException;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * One read-only EC2 call, with SDK failures turned into {@link FerryException}s that name the action (which is also
 * the IAM permission) and say what to do. A not-found answer the caller expects comes back as empty instead.
 */
final class Ec2Call {
    private final AwsRegion region;

    Ec2Call(AwsRegion region) {
        this.region = region;
    }

    /** Runs {@code request}; throws on any failure. */
    <T> T run(String action, Supplier<T> request) {
        return runUnless(action, "", request).orElseThrow();
    }

    /** Runs {@code request}; empty when EC2 answers with {@code notFoundCode} (e.g. {@code InvalidSubnetID.NotFound}). */
    <T> Optional<T> runUnless(String action, String notFoundCode, Supplier<T> request) {
        try {
            return Optional.of(request.get());
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
            if (!notFoundCode.isEmpty() && code.equals(notFoundCode)) {
                return Optional.empty();
            }
            String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage();
            throw new FerryException("EC2 " + action + " in " + region + " failed: " + (code.isEmpty() ? "HTTP " + e.statusCode() : code)
                    + ": " + message, hint(action, code), FerryException.FAILED, e);
        } catch (SdkClientException e) {
            String host = "ec2." + region + "." + region.dnsSuffix();
            if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
                throw new Ec2Unavailable(Ec2Unavailable.Reason.NO_CREDENTIALS, host, "no AWS credentials for EC2 " + action + " in " + region,
                        "name an AWS profile (or set AWS_PROFILE), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (read-only EC2 access is enough)", e);
            }
            throw new Ec2Unavailable(Ec2Unavailable.Reason.UNREACHABLE, host, "cannot reach EC2 for " + action + " in " + region + ": "
                    + e.getMessage(), "check the network path to " + host + " (or use a VPC endpoint of EC2)", e);
        }
    }

    private static String hint(String action, String code) {
        return switch (code) {
            case "UnauthorizedOperation", "AccessDenied", "AccessDeniedException" ->
                    "allow ec2:" + action + " for the identity running Ferry; the check needs only ec2:Describe* (docs/existing-vpc.md)";
            case "AuthFailure" -> "check the AWS credentials (profile, environment or instance role) for this region's partition";
            case "RequestLimitExceeded", "Throttling", "ThrottlingException" -> "EC2 kept throttling this account; run again later";
            default -> "run again; if it persists, check the EC2 service health of this region";
        };
    }
}
