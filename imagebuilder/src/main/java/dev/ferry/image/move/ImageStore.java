package dev.ferry.image.move;

import dev.ferry.error.FerryException;
import dev.ferry.format.Sizes;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Images;
import dev.ferry.image.ec2.Waiter;
import dev.ferry.progress.Progress;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.StoreImageTaskResult;

/**
 * {@code ferry image store}: CreateStoreImageTask writes an AMI (its EBS snapshots and metadata) as one object into
 * an S3 bucket of the same region; the object can then cross into another partition, where
 * {@link ImageRestore} turns it back into an AMI.
 */
public final class ImageStore {
    private final Waiter waiter;
    private final Duration timeout;
    private final Progress progress;

    /** Where the AMI now is: {@code s3://bucket/objectKey}. */
    public record Stored(String region, String imageId, String imageName, String bucket, String objectKey) {
        public String uri() {
            return "s3://" + bucket + "/" + objectKey;
        }
    }

    public ImageStore(Waiter waiter, Duration timeout, Progress progress) {
        this.waiter = waiter;
        this.timeout = timeout;
        this.progress = progress;
    }

    public Stored store(Ec2 ec2, String imageId, String bucket) {
        Image image = Images.requireAvailable(ec2, imageId, "store");
        String key = ec2.call("CreateStoreImageTask", () -> ec2.client().createStoreImageTask(b -> b.imageId(imageId).bucket(bucket)))
                .objectKey();
        progress.info("storing " + imageId + " (" + image.name() + ") as s3://" + bucket + "/" + key
                + " (at most " + Sizes.duration(timeout) + ")");
        int[] lastPercent = {-1};
        waiter.until("the store task of " + imageId + " to complete", timeout,
                "check it with 'aws ec2 describe-store-image-tasks --image-ids " + imageId + " --region " + ec2.region() + "'",
                () -> {
                    Optional<StoreImageTaskResult> task = ec2.call("DescribeStoreImageTasks",
                            () -> ec2.client().describeStoreImageTasks(b -> b.imageIds(imageId))).storeImageTaskResults().stream()
                            .filter(t -> bucket.equals(t.bucket()) && key.equals(t.s3objectKey())).findFirst();
                    if (task.isEmpty()) {
                        return Optional.empty();
                    }
                    StoreImageTaskResult t = task.get();
                    String state = t.storeTaskState() == null ? "" : t.storeTaskState();
                    if (state.equalsIgnoreCase("Completed")) {
                        return task;
                    }
                    if (state.equalsIgnoreCase("Failed")) {
                        throw new FerryException("storing " + imageId + " in s3://" + bucket + " failed: "
                                + Optional.ofNullable(t.storeTaskFailureReason()).orElse("no reason given"),
                                "the bucket must be in " + ec2.region() + " and writable by EC2 for this account (docs/ami-pipeline.md)");
                    }
                    if (t.progressPercentage() != null && t.progressPercentage() != lastPercent[0]) {
                        lastPercent[0] = t.progressPercentage();
                        progress.info("store " + imageId + ": " + lastPercent[0] + "%");
                    }
                    return Optional.empty();
                });
        progress.info("stored " + imageId + " as s3://" + bucket + "/" + key);
        return new Stored(ec2.region(), imageId, image.name(), bucket, key);
    }
}
