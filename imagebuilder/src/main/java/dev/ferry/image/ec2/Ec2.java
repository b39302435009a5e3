package dev.ferry.image.ec2;

import dev.ferry.aws.AwsRegion;
import dev.ferry.aws.Ec2Call;
import dev.ferry.aws.Ec2Error;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * The EC2 API of one region. Every call goes through {@link #call}, which turns SDK failures into
 * {@link Ec2Error}s that say which call failed, why, and what to do.
 */
public final class Ec2 {
    private final String region;
    private final Ec2Client client;
    private final Ec2Call calls;

    public Ec2(String region, Ec2Client client) {
        this.region = region;
        this.client = client;
        this.calls = new Ec2Call(new AwsRegion(region), "docs/ami-pipeline.md lists the IAM policy", Ec2::hint);
    }

    public String region() {
        return region;
    }

    public Ec2Client client() {
        return client;
    }

    /** Runs one API call; {@code action} is the EC2 action name (it is also the IAM permission's name). */
    public <T> T call(String action, Supplier<T> request) {
        return calls.run(action, request);
    }

    /** What to check for the codes a bake's own settings cause. */
    private static Optional<String> hint(String code) {
        return Optional.ofNullable(switch (code) {
            case "RequestLimitExceeded", "Throttling", "ThrottlingException" ->
                    "EC2 kept throttling this account after every retry; run again later, or spread out the jobs calling EC2";
            case "InvalidAMIID.NotFound", "InvalidAMIID.Malformed" -> "check the AMI id and that it lives in this region";
            case "InvalidSubnetID.NotFound" -> "check builder.subnet in image.yaml: the subnet must be in this region";
            case "InvalidGroup.NotFound" -> "check builder.securityGroup in image.yaml: it must be in the subnet's VPC";
            case "InsufficientInstanceCapacity", "Unsupported" -> "try another instance type or a subnet in another zone";
            default -> null;
        });
    }
}
