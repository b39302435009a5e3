package dev.ferry.image.build;

import dev.ferry.aws.Ec2Error;
import dev.ferry.error.FerryException;
import dev.ferry.format.Sizes;
import dev.ferry.image.config.Waits;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Images;
import dev.ferry.image.ec2.Waiter;
import dev.ferry.progress.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * Removes what a build created, whatever step it reached: terminates the builder, deletes the temporary key pair
 * and security group (retrying DependencyViolation until the instance is gone), and after a failure deregisters
 * half-made AMIs and deletes their snapshots (retrying while EC2 does not know a fresh AMI yet). Each removal is tried
 * on its own; what could not be removed is returned with the command that removes it.
 */
final class Cleanup {
    private final Ec2Clients clients;
    private final String region;
    private final Waiter waiter;
    private final Waits waits;
    private final Progress progress;

    Cleanup(Ec2Clients clients, String region, Waiter waiter, Waits waits, Progress progress) {
        this.clients = clients;
        this.region = region;
        this.waiter = waiter;
        this.waits = waits;
        this.progress = progress;
    }

    List<String> run(Resources r, boolean failed, boolean keepOnFailure) {
        Ec2 ec2 = clients.region(region);
        List<String> leftovers = new ArrayList<>();
        Set<String> instances = new LinkedHashSet<>();
        r.instanceId.ifPresent(instances::add);
        if (r.launchInDoubt && r.instanceId.isEmpty()) {
            // RunInstances may have launched without its answer arriving: find the builder by its client token or tag
            attempt(leftovers, "find builders tagged ferry.build-id=" + r.buildId, "aws ec2 describe-instances --region " + region
                    + " --filters Name=tag:ferry.build-id,Values=" + r.buildId, () -> instances.addAll(lookFor("a builder of build "
                            + r.buildId, waits.instanceRunning(), () -> CreatedByBuild.instances(ec2, r.buildId, r.launchTokens))));
        }
        if (!instances.isEmpty()) {
            progress.info("terminating the builder " + String.join(", ", instances));
            attempt(leftovers, "terminate " + instances, "aws ec2 terminate-instances --region " + region
                    + " --instance-ids " + String.join(" ", instances), () -> {
                        ec2.call("TerminateInstances", () -> ec2.client().terminateInstances(b -> b.instanceIds(instances)));
                        waitTerminated(ec2, instances);
                    });
        }
        r.temporaryKeyName.ifPresent(name -> attempt(leftovers, "delete key pair " + name,
                "aws ec2 delete-key-pair --region " + region + " --key-name " + name, () -> {
                    ec2.call("DeleteKeyPair", () -> ec2.client().deleteKeyPair(b -> b.keyName(name)));
                    progress.info("deleted the temporary key pair " + name);
                }));
        if (r.temporaryGroupId.isPresent()) {
            String group = r.temporaryGroupId.get();
            attempt(leftovers, "delete security group " + group, "aws ec2 delete-security-group --region " + region
                    + " --group-id " + group, () -> deleteGroup(ec2, group));
        }
        if (failed) {
            removeImages(r, keepOnFailure, leftovers);
        }
        for (String l : leftovers) {
            progress.warn("cleanup left a resource behind: " + l);
        }
        return leftovers;
    }

    /**
     * Deregisters the half-made AMI (by the id CreateImage returned, or, when its answer was lost, by the build-id tag)
     * and the copies this run started, with their snapshots.
     */
    private void removeImages(Resources r, boolean keepOnFailure, List<String> leftovers) {
        List<String[]> images = new ArrayList<>();
        if (!r.imageComplete && r.imageId.isPresent()) {
            images.add(new String[] {region, r.imageId.get()});
        } else if (!r.imageComplete && r.imageInDoubt) {
            attempt(leftovers, "find AMIs tagged ferry.build-id=" + r.buildId, "aws ec2 describe-images --region " + region
                    + " --owners self --filters Name=tag:ferry.build-id,Values=" + r.buildId,
                    () -> lookFor("an AMI of build " + r.buildId, waits.image(),
                            () -> Images.ownedWithTag(clients.region(region), BuildTags.BUILD_ID, r.buildId))
                            .forEach(i -> images.add(new String[] {region, i.imageId()})));
        }
        r.copies.forEach((reg, id) -> images.add(new String[] {reg, id}));
        for (String[] image : images) {
            Ec2 where = clients.region(image[0]);
            if (keepOnFailure) {
                progress.warn("kept the half-made AMI " + image[1] + " in " + image[0] + " (kept on failure, as asked); remove it with "
                        + "'aws ec2 deregister-image --region " + image[0] + " --image-id " + image[1] + "' and delete its snapshots");
                continue;
            }
            progress.info("deregistering the half-made AMI " + image[1] + " in " + image[0] + " and deleting its snapshots");
            attempt(leftovers, "deregister " + image[1] + " in " + image[0] + " and delete its snapshots",
                    "aws ec2 deregister-image --region " + image[0] + " --image-id " + image[1],
                    () -> Images.deregister(where, image[1], image[0].equals(region) ? r.snapshotIds : List.of(), Optional.of(r.buildId),
                            waiter, waits.image()));
        }
    }

    /**
     * Repeats {@code search} until it finds something or {@code bound} passes: what a create call made without its
     * answer arriving may take a while to show up in EC2's listings.
     */
    private <T> Collection<T> lookFor(String what, Duration bound, Supplier<Collection<T>> search) {
        progress.info("looking for " + what + " whose create call got no answer (at most " + Sizes.duration(bound) + ")");
        return waiter.within(bound, () -> Optional.of(search.get()).filter(found -> !found.isEmpty())).orElse(List.of());
    }

    private void waitTerminated(Ec2 ec2, Set<String> ids) {
        waiter.until("the builder " + ids + " to terminate", waits.instanceTerminated(), null, () -> {
            for (var res : ec2.call("DescribeInstances", () -> ec2.client().describeInstances(b -> b.instanceIds(ids))).reservations()) {
                for (Instance i : res.instances()) {
                    if (!InstanceStateName.TERMINATED.equals(i.state().name())) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.of(Boolean.TRUE);
        });
        progress.info("the builder is terminated");
    }

    /** A group stays "in use" (DependencyViolation) until the builder's network interface is gone: retry until then. */
    private void deleteGroup(Ec2 ec2, String group) {
        waiter.until("security group " + group + " to become deletable", waits.instanceTerminated(), null, () -> {
            try {
                ec2.call("DeleteSecurityGroup", () -> ec2.client().deleteSecurityGroup(b -> b.groupId(group)));
                progress.info("deleted the temporary security group " + group);
                return Optional.of(Boolean.TRUE);
            } catch (Ec2Error e) {
                if (e.is("InvalidGroup.NotFound")) {
                    return Optional.of(Boolean.TRUE);
                }
                if (e.is("DependencyViolation")) {
                    return Optional.empty();
                }
                throw e;
            }
        });
    }

    /** Runs one cleanup action; on failure records it (with the command that finishes the job) and carries on. */
    private static void attempt(List<String> leftovers, String what, String command, Runnable action) {
        try {
            action.run();
        } catch (FerryException e) {
            leftovers.add(what + " failed (" + e.getMessage() + "); run: " + command);
        }
    }
}
