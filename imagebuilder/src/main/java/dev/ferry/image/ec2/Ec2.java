package dev.ferry.image.ec2;

import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The EC2 API of one region. Every call goes through {@link #call}, which turns SDK failures into
 * {@link Ec2Error}s that say which call failed, why, and what to do.
 */
public final class Ec2 {
    private static final Set<String> THROTTLING = Set.of("RequestLimitExceeded", "Throttling", "ThrottlingException");
    /**
     * 5xx codes after which a call may still have been carried out. Throttling and the Insufficient*Capacity codes
     * are 5xx too, but EC2 refused those calls.
     */
    private static final Set<String> MAYBE_DONE = Set.of("", "InternalError", "InternalFailure", "ServiceUnavailable", "Unavailable");
    private final String region;
    private final Ec2Client client;

    public Ec2(String region, Ec2Client client) {
        this.region = region;
        this.client = client;
    }

    public String region() {
        return region;
    }

    public Ec2Client client() {
        return client;
    }

    /** Runs one API call; {@code action} is the EC2 action name (it is also the IAM permission's name). */
    public <T> T call(String action, Supplier<T> request) {
        try {
            return request.get();
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null || e.awsErrorDetails().errorCode() == null ? "" : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null ? e.getMessage()
                    : e.awsErrorDetails().errorMessage();
            boolean unknown = e.statusCode() >= 500 && MAYBE_DONE.contains(code);
            throw new Ec2Error("EC2 " + action + " in " + region + " failed: " + code + ": " + message,
                    hint(action, code), code, unknown, e);
        } catch (SdkClientException e) {
            if (String.valueOf(e.getMessage()).startsWith("Unable to load credentials")) {
                throw Ec2Error.noCredentials(action, region, e);
            }
            throw new Ec2Error("EC2 " + action + " in " + region + " failed: " + e.getMessage(),
                    "check the network path to the EC2 endpoint of " + region + " and your AWS credentials", "", true, e);
        }
    }

    private static String hint(String action, String code) {
        if (THROTTLING.contains(code)) {
            return "EC2 kept throttling this account after every retry; run again later, or spread out the jobs calling EC2";
        }
        return switch (code) {
            case "UnauthorizedOperation", "AccessDenied", "AccessDeniedException" ->
                    "allow ec2:" + action + " for the identity running Ferry (docs/ami-pipeline.md lists the IAM policy)";
            case "AuthFailure" -> "check the AWS credentials (profile, environment or instance role) for this region";
            case "InvalidAMIID.NotFound", "InvalidAMIID.Malformed" -> "check the AMI id and that it lives in this region";
            case "InvalidSubnetID.NotFound" -> "check builder.subnet in image.yaml: the subnet must be in this region";
            case "InvalidGroup.NotFound" -> "check builder.securityGroup in image.yaml: it must be in the subnet's VPC";
            case "InsufficientInstanceCapacity", "Unsupported" -> "try another instance type or a subnet in another zone";
            default -> null;
        };
    }
}
