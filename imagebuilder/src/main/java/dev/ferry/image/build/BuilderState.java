package dev.ferry.image.build;

import dev.ferry.aws.Ec2Error;
import dev.ferry.error.FerryException;
import dev.ferry.format.Sizes;
import dev.ferry.image.ec2.Ec2;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/** Step: wait for the builder to reach a state; a builder that ends up anywhere else stops the build at once. */
final class BuilderState {
    private BuilderState() {}

    static Instance await(BuildContext b, String id, InstanceStateName wanted, Duration timeout) {
        b.progress().info("waiting for " + id + " to be " + wanted + " (at most " + Sizes.duration(timeout) + ")");
        return b.waiter().until(id + " to be " + wanted, timeout, "raise waits in image.yaml if EC2 is slow here",
                () -> check(b.ec2(), id, wanted));
    }

    private static Optional<Instance> check(Ec2 ec2, String id, InstanceStateName wanted) {
        Optional<Instance> found;
        try {
            found = ec2.call("DescribeInstances", () -> ec2.client().describeInstances(r -> r.instanceIds(id)))
                    .reservations().stream().flatMap(res -> res.instances().stream()).findFirst();
        } catch (Ec2Error e) {
            if (e.is("InvalidInstanceID.NotFound")) {
                return Optional.empty(); // just launched: not visible yet
            }
            throw e;
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Instance i = found.get();
        InstanceStateName state = i.state().name();
        if (state == wanted) {
            return found;
        }
        if (state == InstanceStateName.TERMINATED || state == InstanceStateName.SHUTTING_DOWN
                || (wanted == InstanceStateName.RUNNING && state != InstanceStateName.PENDING)) {
            String reason = i.stateReason() == null ? i.stateTransitionReason() : i.stateReason().message();
            throw new FerryException("the builder " + id + " is " + i.state().nameAsString() + " instead of " + wanted
                    + (reason == null || reason.isBlank() ? "" : " (" + reason + ")"),
                    "check the instance type, the subnet's capacity and the KMS key permissions, then build again");
        }
        return Optional.empty();
    }
}
