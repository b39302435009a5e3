package dev.ferry.bootstrap.maxpods;

import dev.ferry.error.FerryException;
import java.util.Optional;

/** Where instance type limits come from: EC2 DescribeInstanceTypes (live, cached) or its JSON output in a file. */
public interface InstanceTypeSource {
    /** What an EC2 instance type name looks like: family, a dot, size (m5.large, u-6tb1.metal). */
    String NAME = "[a-z0-9][a-z0-9-]*\\.[a-z0-9-]+";

    /** The limits of {@code instanceType}, or empty when this source does not know the type. */
    Optional<InstanceLimits> find(String instanceType);

    /** Names the source in messages: "EC2 DescribeInstanceTypes in cn-north-1", "file types.json". */
    String describe();

    /** The limits, or a clear error that names this source. */
    default InstanceLimits require(String instanceType) {
        if (!instanceType.matches(NAME)) {
            throw FerryException.badInput("'" + instanceType + "' is not an EC2 instance type name", "e.g. m5.large, t3.medium, c6g.4xlarge");
        }
        return find(instanceType).orElseThrow(() -> new LimitsUnavailable(LimitsUnavailable.Reason.UNKNOWN_TYPE, instanceType,
                "instance type " + instanceType + " is not in " + describe(),
                "check the spelling, that the type exists in this region, or read the limits from another source", null));
    }
}
