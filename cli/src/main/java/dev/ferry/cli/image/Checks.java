package dev.ferry.cli.image;

import dev.ferry.aws.AwsRegion;
import dev.ferry.error.FerryException;

/** Flag checks shared by the image commands: bad values exit 2 before any AWS call. */
final class Checks {
    private Checks() {}

    static void amiId(String ami) {
        if (!ami.matches("ami-[0-9a-f]{8,17}")) {
            throw FerryException.badInput("'" + ami + "' is not an AMI id", "AMI ids look like ami-0123456789abcdef0");
        }
    }

    static void region(String region) {
        AwsRegion.parse(region, "region");
    }

    static void bucket(String bucket) {
        if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
            throw FerryException.badInput("'" + bucket + "' is not an S3 bucket name", "give the bucket name only, without s3:// or a prefix");
        }
    }
}
