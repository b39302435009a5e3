package dev.ferry.image.build;

import dev.ferry.error.FerryException;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Images;
import dev.ferry.image.ec2.Waiter;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Finds what a build made when EC2's answer to the create call was lost (the call succeeded, the response never
 * arrived): the builder by its RunInstances client token or its {@code ferry.build-id} tag, the AMI by its name and
 * that tag. The build carries on with what it finds; cleanup removes it.
 */
final class CreatedByBuild {
    private CreatedByBuild() {}

    /** The builders launched with one of {@code tokens} or tagged with the build id, not terminated. */
    static Set<String> instances(Ec2 ec2, String buildId, List<String> tokens) {
        Set<String> out = new LinkedHashSet<>();
        if (!tokens.isEmpty()) {
            out.addAll(live(ec2, Filter.builder().name("client-token").values(tokens).build()));
        }
        out.addAll(live(ec2, Filter.builder().name("tag:" + BuildTags.BUILD_ID).values(buildId).build()));
        return out;
    }

    /** Waits (at most {@code timeout}) for the builder that RunInstances with {@code token} launched to show up. */
    static Optional<String> instance(Ec2 ec2, String buildId, String token, Waiter waiter, Duration timeout) {
        return waiter.within(timeout, () -> instances(ec2, buildId, List.of(token)).stream().findFirst());
    }

    /** Waits (at most {@code timeout}) for an AMI named {@code name} to be listed: whichever build made it. */
    static Optional<Image> image(Ec2 ec2, String name, Waiter waiter, Duration timeout) {
        return waiter.within(timeout, () -> Images.ownedByName(ec2, name));
    }

    /** Whether {@code image} is the one build {@code buildId} made. */
    static boolean madeBy(Image image, String buildId) {
        return BuildTags.buildId(image).filter(buildId::equals).isPresent();
    }

    /** The name this build wanted is held by another AMI. */
    static FerryException nameTaken(Ec2 ec2, Image image, String buildId) {
        return new FerryException("the AMI name '" + image.name() + "' in " + ec2.region() + " is taken by " + image.imageId()
                + BuildTags.buildId(image).map(b -> " of build " + b).orElse(", which has no ferry.build-id tag")
                + ", not by this build " + buildId, "see what made it ('aws ec2 describe-images --region " + ec2.region()
                + " --image-ids " + image.imageId() + "'); if it is a leftover, deregister it and build again");
    }

    private static List<String> live(Ec2 ec2, Filter filter) {
        return ec2.call("DescribeInstances", () -> ec2.client().describeInstances(b -> b.filters(filter))).reservations().stream()
                .flatMap(r -> r.instances().stream())
                .filter(i -> !InstanceStateName.TERMINATED.equals(i.state().name()))
                .map(i -> i.instanceId()).toList();
    }
}
