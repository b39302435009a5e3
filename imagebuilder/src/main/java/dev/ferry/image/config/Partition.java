package dev.ferry.image.config;

/** The AWS partition a region belongs to: CopyImage cannot leave it; store/restore through S3 can. */
public final class Partition {
    private Partition() {}

    public static String of(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        if (region.startsWith("us-isob-")) {
            return "aws-iso-b";
        }
        if (region.startsWith("us-iso-")) {
            return "aws-iso";
        }
        return "aws";
    }
}
