package dev.ferry.cli.bootstrap;

import dev.ferry.aws.AwsRegion;
import dev.ferry.bootstrap.maxpods.Ec2InstanceTypes;
import dev.ferry.bootstrap.maxpods.InstanceTypeSource;
import dev.ferry.error.FerryException;
import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where instance type limits come from: EC2 in a region (cached on disk), or a describe-instance-types JSON file. */
public final class InstanceTypeOptions {

    @Mixin
    InstanceLimitsOptions limits;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region to ask EC2 DescribeInstanceTypes in (default: AWS_REGION / the AWS profile), e.g. cn-north-1.")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL", description = "EC2 endpoint URL (a VPC endpoint, or a test server).")
    URI endpoint;

    /** The source to use; EC2 needs a region. */
    public InstanceTypeSource source() {
        if (limits.fromFile()) {
            if (region != null || endpoint != null) {
                throw FerryException.badInput("give either --instance-types-file or --region/--endpoint, not both",
                        "the file already holds the limits; no EC2 call is made");
            }
            return limits.source(() -> null, "");
        }
        String r = region != null ? region : AwsRegion.fromEnvironment().map(AwsRegion::name).orElseThrow(() -> FerryException.badInput(
                "no region to ask EC2 in",
                "give --region cn-north-1 (or set AWS_REGION), or --instance-types-file types.json from `aws ec2 describe-instance-types`"));
        return limits.source(() -> Ec2InstanceTypes.client(r, Optional.ofNullable(endpoint)), r);
    }
}
