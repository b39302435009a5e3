package dev.ferry.cli.image;

import dev.ferry.aws.AwsRegion;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.move.ImageRestore;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry image restore}: turn a stored AMI object back into an AMI, e.g. in cn-north-1. */
@Command(name = "restore",
        header = "Restore an AMI from an object made by 'ferry image store', and wait.",
        mixinStandardHelpOptions = true,
        description = {
            "Runs CreateRestoreImageTask and waits until the AMI is available. With --name,",
            "a region that already has an AMI of that name is left alone.",
            "",
            "Example:",
            "  ferry image restore --bucket my-cn-ami-transfer --region cn-north-1 \\",
            "      --key ami-0123456789abcdef0.bin --name kops-node-1.30.0-20261122"})
public final class RestoreCommand extends ImageMoveCommand<ImageRestore.Restored> {

    @Mixin
    BucketOption bucket;

    @Option(names = "--key", required = true, paramLabel = "KEY", description = "The object key, e.g. ami-0123456789abcdef0.bin.")
    String key;

    @Option(names = "--region", required = true, paramLabel = "REGION", description = "Where the AMI is restored.")
    AwsRegion region;

    @Option(names = "--name", paramLabel = "NAME", description = "Name of the restored AMI (default: the stored AMI's name).")
    String name;

    @Mixin
    KeepOnFailureOption keepOnFailure;

    @Override
    ImageRestore.Restored move(Ec2Clients clients) {
        return new ImageRestore(job.waiter(), job.timeout(Duration.ofHours(2)), job.progress("image restore"))
                .restore(clients.region(region.name()), bucket.name(), key, Optional.ofNullable(name), keepOnFailure.value());
    }

    @Override
    Map<String, Object> json(ImageRestore.Restored restored) {
        Map<String, Object> json = amiJson(restored.region(), restored.imageId(), restored.name());
        json.put("existed", restored.existed());
        return json;
    }

    @Override
    void text(ImageRestore.Restored restored, PrintWriter out) {
        out.println(restored.region() + "  " + restored.imageId() + "  " + restored.name()
                + (restored.existed() ? "  (already there: nothing restored)" : ""));
    }
}
