package dev.ferry.cli.vpc;

import dev.ferry.aws.Ec2Error;
import dev.ferry.error.FerryException;
import dev.ferry.vpc.check.InputNames;
import dev.ferry.vpc.read.NoSuchVpc;
import java.util.Optional;

/** What to do about a vpc check failure, with the flags of {@code ferry vpc check}. */
public final class VpcAdvice {
    /** The check's inputs as this CLI spells them. */
    static final InputNames FLAGS = new InputNames("--cluster", "--region", "--pod-subnets", "--new-subnet-cidrs", "--emit eniconfig");

    private VpcAdvice() {}

    public static Optional<String> whatToDo(FerryException e) {
        if (e instanceof NoSuchVpc v) {
            return Optional.of("check --vpc and --region (a VPC lives in one region); " + v.listing());
        }
        if (e instanceof Ec2Error u && u.reason() == Ec2Error.Reason.UNREACHABLE) {
            return Optional.of("check the network path to " + u.endpointHost() + " (or give --endpoint for a VPC endpoint)");
        }
        return Optional.empty();
    }
}
