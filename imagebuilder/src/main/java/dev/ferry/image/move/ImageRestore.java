package dev.ferry.image.move;

import dev.ferry.aws.Ec2Error;
import dev.ferry.error.FerryException;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Images;
import dev.ferry.image.ec2.Waiter;
import dev.ferry.progress.Progress;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * {@code ferry image restore}: CreateRestoreImageTask turns an object written by {@link ImageStore} (and carried
 * into this region's bucket) back into an AMI, then waits until it is available. A restore that does not finish
 * is deregistered with its snapshots unless the caller keeps it.
 */
public final class ImageRestore {
    private final Waiter waiter;
    private final Duration timeout;
    private final Progress progress;

    /** The restored AMI; {@code existed} when an AMI of that name was already there and nothing was restored. */
    public record Restored(String region, String imageId, String name, boolean existed) {}

    public ImageRestore(Waiter waiter, Duration timeout, Progress progress) {
        this.waiter = waiter;
        this.timeout = timeout;
        this.progress = progress;
    }

    public Restored restore(Ec2 ec2, String bucket, String objectKey, Optional<String> name, boolean keepOnFailure) {
        if (name.isPresent()) {
            Optional<Image> there = Images.ownedByName(ec2, name.get());
            if (there.isPresent()) {
                progress.info(ec2.region() + " already has " + there.get().imageId() + " named '" + name.get() + "': not restoring");
                return new Restored(ec2.region(), there.get().imageId(), name.get(), true);
            }
        }
        String imageId = ec2.call("CreateRestoreImageTask", () -> ec2.client().createRestoreImageTask(b -> {
            b.bucket(bucket).objectKey(objectKey);
            name.ifPresent(b::name);
        })).imageId();
        progress.info("restoring s3://" + bucket + "/" + objectKey + " as " + imageId + " in " + ec2.region());
        try {
            Image image = Images.waitAvailable(ec2, imageId, waiter, timeout, progress);
            return new Restored(ec2.region(), imageId, image.name(), false);
        } catch (FerryException e) {
            if (keepOnFailure) {
                progress.warn("kept the half-restored " + imageId + " (kept on failure, as asked)");
                throw e;
            }
            try {
                Images.deregister(ec2, imageId, java.util.List.of(), Optional.empty(), waiter, timeout);
                progress.info("deregistered the half-restored " + imageId);
            } catch (Ec2Error cleanup) {
                progress.warn("could not remove the half-restored " + imageId + ": " + cleanup.getMessage());
            }
            throw e;
        }
    }
}
