package dev.ferry.cli.image;

import picocli.CommandLine.Option;

/** {@code --bucket BUCKET}: where store writes the AMI object and restore reads it. */
public final class BucketOption {

    @Option(names = "--bucket", required = true, paramLabel = "BUCKET", description = "The S3 bucket that holds the AMI object, in --region.")
    BucketName bucket;

    String name() {
        return bucket.name();
    }
}
