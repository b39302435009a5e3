package dev.ferry.image.move;

import dev.ferry.error.FerryException;
import dev.ferry.progress.Progress;
import dev.ferry.aws.AwsRegion;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Images;
import dev.ferry.image.ec2.Tags;
import dev.ferry.image.ec2.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.Image;

/**
 * CopyImage within one partition: start every copy, then wait for each, tagging the copy and its snapshots.
 * A copy whose name already exists in the target region is not copied again.
 */
public final class ImageCopy {
    private final Ec2Clients clients;
    private final Waiter waiter;
    private final Duration timeout;
    private final Progress progress;

    public ImageCopy(Ec2Clients clients, Waiter waiter, Duration timeout, Progress progress) {
        this.clients = clients;
        this.waiter = waiter;
        this.timeout = timeout;
        this.progress = progress;
    }

    /** Refuses a copy that would leave the partition, pointing at store/restore instead. */
    public static void checkSamePartition(String from, String to) {
        if (!new AwsRegion(from).partition().equals(new AwsRegion(to).partition())) {
            throw FerryException.badInput("CopyImage cannot go from " + from + " (" + new AwsRegion(from).partition() + ") to " + to + " ("
                    + new AwsRegion(to).partition() + "): AMIs cross partitions only through S3",
                    "use 'ferry image store' in " + from + ", carry the object over, then 'ferry image restore' in " + to
                            + " (docs/ami-pipeline.md)");
        }
    }

    /** The AMI copied, and where its copies are. */
    public record Copied(String sourceRegion, String imageId, String name, Map<String, String> copies) {
        public Copied {
            copies = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(copies));
        }
    }

    /**
     * Copies the available AMI {@code imageId} of {@code from} into each of {@code regions} (same partition), tagging each
     * copy with its source, and waits for them. A failure deregisters the copies this run started before it is rethrown.
     */
    public Copied copyAmi(String from, String imageId, List<String> regions) {
        Ec2 source = clients.region(from);
        Image image = Images.requireAvailable(source, imageId, "copy");
        Map<String, String> started = new LinkedHashMap<>();
        try {
            return new Copied(from, imageId, image.name(), copy(source, image, regions,
                    Map.of("ferry.source-ami", imageId, "ferry.source-region", from), started));
        } catch (FerryException e) {
            started.forEach((region, id) -> {
                progress.info("deregistering the unfinished copy " + id + " in " + region);
                try {
                    Images.deregister(clients.region(region), id, List.of(), Optional.empty(), waiter, timeout);
                } catch (FerryException cleanup) {
                    progress.warn("could not deregister " + id + " in " + region + ": " + cleanup.getMessage());
                }
            });
            throw e;
        }
    }

    /**
     * Copies {@code source} into each region that does not hold an AMI of the same name yet.
     *
     * @param started receives each copy as soon as CopyImage returned its id, so a failure can clean up
     * @return region → AMI id (copied or already there)
     */
    public Map<String, String> copy(Ec2 source, Image image, List<String> regions, Map<String, String> tags,
                                    Map<String, String> started) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> waiting = new ArrayList<>();
        for (String region : regions) {
            checkSamePartition(source.region(), region);
            Ec2 target = clients.region(region);
            Optional<Image> there = Images.ownedByName(target, image.name());
            if (there.isPresent()) {
                progress.info(region + " already has " + there.get().imageId() + " named " + image.name() + ": not copying");
                out.put(region, there.get().imageId());
                continue;
            }
            String id = target.call("CopyImage", () -> target.client().copyImage(b -> b.sourceRegion(source.region())
                    .sourceImageId(image.imageId()).name(image.name()).description(image.description())
                    .clientToken("ferry-" + image.imageId() + "-" + region))).imageId();
            progress.info("copying " + image.imageId() + " to " + region + " as " + id);
            started.put(region, id);
            out.put(region, id);
            waiting.add(region);
        }
        for (String region : waiting) {
            Ec2 target = clients.region(region);
            Image copy = Images.waitAvailable(target, out.get(region), waiter, timeout, progress);
            List<String> ids = new ArrayList<>();
            ids.add(copy.imageId());
            ids.addAll(Images.snapshotIds(copy));
            Tags.apply(target, ids, tags);
        }
        return out;
    }
}
