package dev.ferry.image.ec2;

import dev.ferry.error.FerryException;
import dev.ferry.image.Progress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.List;
import java.util.Optional;
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
        progress.info("waiting for " + imageId + " in " + ec2.region() + " to become available (at most " + Waiter.human(timeout) + ")");
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

    /**
     * Deregisters an AMI and deletes its snapshots: those on the image, those given, and (for a half-made AMI whose
     * image EC2 cannot describe yet) those tagged with the build id. Already gone is fine.
     */
    public static void deregister(Ec2 ec2, String imageId, List<String> knownSnapshots, Optional<String> buildId) {
        Set<String> snapshots = new LinkedHashSet<>(knownSnapshots);
        Optional<Image> image = find(ec2, imageId);
        image.ifPresent(i -> snapshots.addAll(snapshotIds(i)));
        if (buildId.isPresent()) {
            ec2.call("DescribeSnapshots", () -> ec2.client().describeSnapshots(b -> b.ownerIds("self")
                    .filters(Filter.builder().name("tag:ferry.build-id").values(buildId.get()).build())))
                    .snapshots().forEach(s -> snapshots.add(s.snapshotId()));
        }
        try {
            ec2.call("DeregisterImage", () -> ec2.client().deregisterImage(b -> b.imageId(imageId)));
        } catch (Ec2Error e) {
            if (!e.is("InvalidAMIID.NotFound") && !e.is("InvalidAMIID.Unavailable")) {
                throw e;
            }
        }
        for (String snap : snapshots) {
            try {
                ec2.call("DeleteSnapshot", () -> ec2.client().deleteSnapshot(b -> b.snapshotId(snap)));
            } catch (Ec2Error e) {
                if (!e.is("InvalidSnapshot.NotFound")) {
                    throw e;
                }
            }
        }
    }

}
