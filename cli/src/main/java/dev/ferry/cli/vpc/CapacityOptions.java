package dev.ferry.cli.vpc;

import dev.ferry.aws.AwsRegion;
import dev.ferry.cli.bootstrap.InstanceLimitsOptions;
import dev.ferry.cli.bootstrap.PrefixDelegationOption;
import dev.ferry.error.FerryException;
import dev.ferry.vpc.check.CheckRequest;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The nodes planned, for the free-address check: how many, of which instance type, and where that type's limits come from. */
final class CapacityOptions {

    @Option(names = "--nodes", paramLabel = "N", description = "Nodes planned (control plane included), for the free-address check; needs --instance-type.")
    Integer nodes;

    @Option(names = "--instance-type", paramLabel = "TYPE", description = "Their instance type, for max-pods (see ferry bootstrap max-pods).")
    String instanceType;

    @Mixin
    PrefixDelegationOption prefixDelegation;

    @Mixin
    InstanceLimitsOptions limits;

    /** Refuses half a plan before EC2 is read. */
    void check() {
        if ((nodes == null) != (instanceType == null)) {
            throw FerryException.badInput("--nodes and --instance-type go together", "e.g. --nodes 12 --instance-type m5.large");
        }
    }

    boolean prefixDelegation() {
        return prefixDelegation.value();
    }

    /** The plan, when nodes were given; the type's limits from --instance-types-file, else EC2 through {@code ec2} (cached). */
    Optional<CheckRequest.Capacity> capacity(Ec2Client ec2, AwsRegion region) {
        return Optional.ofNullable(nodes).map(n -> new CheckRequest.Capacity(n,
                limits.file().orElseGet(() -> limits.ec2(ec2, region.name())).require(instanceType.trim()), prefixDelegation.value()));
    }
}
