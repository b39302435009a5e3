package dev.ferry.cli.image;

import dev.ferry.aws.AwsRegion;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.move.ImageStore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry image store}: write an AMI into an S3 bucket as one object, to carry it into another partition. */
@Command(name = "store",
        header = "Store an AMI as one S3 object, to carry it into another partition.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs CreateStoreImageTask into a bucket of the AMI's region and waits until the",
            "object is written. This is the first leg of moving an AMI into AWS China, where",
            "CopyImage cannot reach: carry the object into a bucket there (ferry mirror sync",
            "or a bundle), then run 'ferry image restore' (docs/ami-pipeline.md).",
            "",
            "Example:",
            "  ferry image store --ami ami-0123456789abcdef0 --region ap-southeast-1 \\",
            "      --bucket my-ami-transfer"})
public final class StoreCommand extends ImageMoveCommand<ImageStore.Stored> {

    @Mixin
    AmiOption ami;

    @Option(names = "--region", required = true, paramLabel = "REGION", description = "The AMI's region (the bucket must be there too).")
    AwsRegion region;

    @Mixin
    BucketOption bucket;

    @Override
    ImageStore.Stored move(Ec2Clients clients) {
        return new ImageStore(job.waiter(), job.timeout(Duration.ofHours(2)), job.progress("image store"))
                .store(clients.region(region.name()), ami.id(), bucket.name());
    }

    @Override
    Map<String, Object> json(ImageStore.Stored stored) {
        Map<String, Object> json = amiJson(stored.region(), stored.imageId(), stored.imageName());
        json.put("bucket", stored.bucket());
        json.put("objectKey", stored.objectKey());
        json.put("uri", stored.uri());
        return json;
    }

    @Override
    void text(ImageStore.Stored stored, PrintWriter out) {
        out.println(stored.imageId() + " (" + stored.imageName() + ") is stored as " + stored.uri());
        out.println("Next: carry the object into a bucket of the target region, then:");
        out.println("  ferry image restore --bucket <bucket there> --key " + stored.objectKey() + " --region cn-north-1 --name '"
                + stored.imageName() + "'");
    }
}
