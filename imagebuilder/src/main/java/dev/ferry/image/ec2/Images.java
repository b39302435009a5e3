package dev.ferry.image.ec2;

import dev.ferry.aws.Ec2Error;
import dev.ferry.error.FerryException;
import dev.ferry.format.Sizes;
import dev.ferry.progress.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ec2.model.BlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;

/** Looking up, waiting for and removing AMIs; shared by build, copy, store and restore. */
public final class Images {
    private Images() {}

    /** The account's own AMI with exactly this name (AMI names are unique per account and region). */
    public static Optional<Image> ownedByName(Ec2 ec2, String name) {
        DescribeImagesResponse r = ec2.call("DescribeImages", () -> ec2.client().describeImages(b -> b.owners("self")
                .filters(Filter.builder().name("name").values(name).build())));
        return r.images().stream().filter(i -> !ImageState.DEREGISTERED.equals(i.state())).findFirst();
    }

    /** The newest available image matching a name pattern from the given owners. */
    public static Optional<Image> newest(Ec2 ec2, String namePattern, List<String> owners) {
        DescribeImagesResponse r = ec2.call("DescribeImages", () -> ec2.client().describeImages(b -> b.owners(owners)
                .filters(Filter.builder().name("name").values(namePattern).build(),
                        Filter.builder().name("state").values("available").build())));
        return r.images().stream().max(Comparator.comparing(i -> i.creationDate() == null ? "" : i.creationDate()));
    }

    /**
     * The image, which must exist and be available to {@code use} ("copy", "store").
     *
     * @throws FerryException exit 2 when EC2 does not know it in this region, exit 1 while it is not available
     */
    public static Image requireAvailable(Ec2 ec2, String imageId, String use) {
        Image image = find(ec2, imageId).orElseThrow(() -> FerryException.badInput("no AMI " + imageId + " in " + ec2.region(),
                "check the AMI id and its region"));
        if (!ImageState.AVAILABLE.equals(image.state())) {
            throw new FerryException(imageId + " is " + image.stateAsString() + ", not available", use + " it once it is available");
        }
        return image;
    }

    /** The image, or empty while EC2 does not know it yet (just after CreateImage/CopyImage) or never did. */
    public static Optional<Image> find(Ec2 ec2, String imageId) {
        try {
            DescribeImagesResponse r = ec2.call("DescribeImages", () -> ec2.client().describeImages(b -> b.imageIds(imageId)));
            return r.images().stream().findFirst();
        } catch (Ec2Error e) {
            if (e.is("InvalidAMIID.NotFound")) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Waits until the image is {@code available}. "Not found" is expected for a while after it was created
     * (EC2 is eventually consistent: the seed's imagebuilder died right there), so it is retried until the deadline;
     * {@code failed} or {@code error} ends the wait with EC2's reason.
     */
    public static Image waitAvailable(Ec2 ec2, String imageId, Waiter waiter, Duration timeout, Progress progress) {
        progress.info("waiting for " + imageId + " in " + ec2.region() + " to become available (at most " + Sizes.duration(timeout) + ")");
        return waiter.until(imageId + " in " + ec2.region() + " to become available",
                timeout, "EC2 may still finish it: check with 'aws ec2 describe-images --image-ids " + imageId
                        + " --region " + ec2.region() + "'; raise waits.image in image.yaml for big volumes",
                () -> {
                    Optional<Image> image = find(ec2, imageId);
                    if (image.isEmpty()) {
                        return Optional.empty();
                    }
                    Image i = image.get();
                    if (ImageState.AVAILABLE.equals(i.state())) {
                        return image;
                    }
                    if (ImageState.FAILED.equals(i.state()) || ImageState.ERROR.equals(i.state())
                            || ImageState.INVALID.equals(i.state()) || ImageState.DEREGISTERED.equals(i.state())) {
                        String reason = i.stateReason() == null ? "no reason given" : i.stateReason().code() + ": " + i.stateReason().message();
                        throw new FerryException("EC2 reports " + imageId + " in " + ec2.region() + " as " + i.stateAsString()
                                + " (" + reason + ")", null);
                    }
                    return Optional.empty();
                });
    }

    public static List<String> snapshotIds(Image image) {
        List<String> out = new ArrayList<>();
        for (BlockDeviceMapping m : image.blockDeviceMappings()) {
            if (m.ebs() != null && m.ebs().snapshotId() != null) {
                out.add(m.ebs().snapshotId());
            }
        }
        return out;
    }

    /** The account's AMIs in this region tagged {@code key=value}, whatever their state. */
    public static List<Image> ownedWithTag(Ec2 ec2, String key, String value) {
        return ec2.call("DescribeImages", () -> ec2.client().describeImages(b -> b.owners("self")
                .filters(Filter.builder().name("tag:" + key).values(value).build()))).images().stream()
                .filter(i -> !ImageState.DEREGISTERED.equals(i.state())).toList();
    }

    /**
     * Deregisters an AMI and deletes its snapshots: those on the image, those given, and (for a half-made AMI whose
     * image EC2 cannot describe yet) those tagged with the build id. EC2 is eventually consistent: for an id it has
     * just returned (CreateImage, CopyImage, a restore) it may answer {@code InvalidAMIID.NotFound} for minutes, and
     * a snapshot stays {@code InvalidSnapshot.InUse} until the deregistration took effect. Both are retried until
     * {@code timeout}; the AMI is taken for gone only once DescribeImages, having shown it, shows it no more.
     */
    public static void deregister(Ec2 ec2, String imageId, List<String> knownSnapshots, Optional<String> buildId,
                                  Waiter waiter, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> snapshots = new LinkedHashSet<>(knownSnapshots);
        boolean[] seen = {false};
        String hint = "deregister it with 'aws ec2 deregister-image --region " + ec2.region() + " --image-id " + imageId
                + "' once EC2 shows it, then delete its snapshots";
        waiter.until(imageId + " in " + ec2.region() + " to be deregistered (EC2 does not know it yet)", timeout, hint, () -> {
            Optional<Image> image = find(ec2, imageId);
            image.ifPresent(i -> snapshots.addAll(snapshotIds(i)));
            if (image.isPresent() && ImageState.DEREGISTERED.equals(image.get().state())) {
                return Optional.of(Boolean.TRUE);
            }
            boolean visible = image.isPresent();
            try {
                ec2.call("DeregisterImage", () -> ec2.client().deregisterImage(b -> b.imageId(imageId)));
                return Optional.of(Boolean.TRUE);
            } catch (Ec2Error e) {
                if (e.is("InvalidAMIID.NotFound") || e.is("InvalidAMIID.Unavailable")) {
                    // gone only if DescribeImages, which showed it before, no longer does; otherwise not visible yet
                    boolean gone = seen[0] && !visible;
                    seen[0] |= visible;
                    return gone ? Optional.of(Boolean.TRUE) : Optional.empty();
                }
                throw e;
            }
        });
        if (buildId.isPresent()) {
            ec2.call("DescribeSnapshots", () -> ec2.client().describeSnapshots(b -> b.ownerIds("self")
                    .filters(Filter.builder().name("tag:ferry.build-id").values(buildId.get()).build())))
                    .snapshots().forEach(s -> snapshots.add(s.snapshotId()));
        }
        for (String snap : snapshots) {
            Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            deleteSnapshot(ec2, snap, waiter, left);
        }
    }

    /** Deletes a snapshot, retrying InUse (its AMI's deregistration has not taken effect yet) until {@code timeout}. */
    private static void deleteSnapshot(Ec2 ec2, String snap, Waiter waiter, Duration timeout) {
        waiter.until("snapshot " + snap + " in " + ec2.region() + " to be deletable (its AMI is being deregistered)", timeout,
                "delete it with 'aws ec2 delete-snapshot --region " + ec2.region() + " --snapshot-id " + snap + "'", () -> {
                    try {
                        ec2.call("DeleteSnapshot", () -> ec2.client().deleteSnapshot(b -> b.snapshotId(snap)));
                        return Optional.of(Boolean.TRUE);
                    } catch (Ec2Error e) {
                        if (e.is("InvalidSnapshot.NotFound")) {
                            return Optional.of(Boolean.TRUE);
                        }
                        if (e.is("InvalidSnapshot.InUse")) {
                            return Optional.empty();
                        }
                        throw e;
                    }
                });
    }
}
