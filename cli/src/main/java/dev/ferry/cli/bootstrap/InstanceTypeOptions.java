package dev.ferry.cli.bootstrap;

import dev.ferry.aws.AwsRegion;
import dev.ferry.bootstrap.maxpods.Ec2InstanceTypes;
import dev.ferry.bootstrap.maxpods.EmbeddedInstanceTypes;
import dev.ferry.bootstrap.maxpods.InstanceTypeSource;
import dev.ferry.cli.image.Ec2EndpointOption;
import dev.ferry.error.FerryException;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where instance type limits come from: the table Ferry carries, EC2 in a region (cached on disk), or a describe-instance-types JSON file. */
public final class InstanceTypeOptions {

    @Mixin
    InstanceLimitsOptions limits;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Ask EC2 DescribeInstanceTypes live in this region, e.g. cn-north-1. Default: the table Ferry carries.")
    AwsRegion region;

    @Mixin
    Ec2EndpointOption endpoint;

    /** The source to use; EC2 needs a region. */
    public InstanceTypeSource source() {
        Optional<InstanceTypeSource> file = limits.file();
        if (file.isPresent()) {
            if (region != null || endpoint.value().isPresent()) {
                throw FerryException.badInput("give either --instance-types-file or --region/--endpoint, not both",
                        "the file already holds the limits; no EC2 call is made");
            }
            return file.get();
        }
        if (region == null) {
            if (endpoint.value().isPresent()) {
                throw FerryException.badInput("--endpoint needs --region", "e.g. --region cn-north-1 --endpoint https://ec2.cn-north-1.amazonaws.com.cn");
            }
            // No network needed: the limits Ferry carries (the VPC CNI's own table); --region asks EC2 itself.
            return EmbeddedInstanceTypes.load(Clock.systemUTC());
        }
        return limits.ec2(Ec2InstanceTypes.client(region.name(), endpoint.value()), region.name());
    }
}
