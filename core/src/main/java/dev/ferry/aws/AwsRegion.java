package dev.ferry.aws;

import dev.ferry.error.FerryException;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.arns.Arn;
import software.amazon.awssdk.regions.PartitionMetadata;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/**
 * An AWS region by name, with the partition and DNS suffix the SDK's own tables give it: {@code cn-north-1} is in
 * {@code aws-cn} and its endpoints end in {@code .amazonaws.com.cn}; ARNs there start {@code arn:aws-cn:}.
 */
public record AwsRegion(String name) {
    /** What a region name looks like: {@code cn-north-1}, {@code us-gov-west-1}. */
    public static final Pattern NAME = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
    private static final String EXAMPLE = "e.g. cn-north-1, cn-northwest-1 or eu-central-1";

    public AwsRegion {
        if (!looksLikeRegion(name)) {
            throw FerryException.badInput("'" + name + "' is not an AWS region name", EXAMPLE);
        }
    }

    /** Parses a region a user gave; {@code what} names where it came from ("--region", "image.yaml region"). */
    public static AwsRegion parse(String text, String what) {
        String t = text == null ? "" : text.trim();
        if (!looksLikeRegion(t)) {
            throw FerryException.badInput(what + " '" + text + "' is not an AWS region name", EXAMPLE);
        }
        return new AwsRegion(t);
    }

    /** The region the SDK's default chain names (AWS_REGION, the profile's region), as the AWS CLI would use; empty when none. */
    public static Optional<AwsRegion> fromEnvironment() {
        try {
            return Optional.of(parse(DefaultAwsRegionProviderChain.builder().build().getRegion().id(), "the AWS profile's region"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code text} has the form of a region name. */
    public static boolean looksLikeRegion(String text) {
        return text != null && NAME.matcher(text).matches();
    }

    public Region sdk() {
        return Region.of(name);
    }

    /** The partition id: {@code aws}, {@code aws-cn}, {@code aws-us-gov}, … */
    public String partition() {
        return PartitionMetadata.of(sdk()).id();
    }

    /** {@code amazonaws.com} or {@code amazonaws.com.cn}. */
    public String dnsSuffix() {
        return PartitionMetadata.of(sdk()).dnsSuffix();
    }

    public boolean isChina() {
        return partition().equals("aws-cn");
    }

    /** An ARN of a global resource in this region's partition: {@code arn:aws-cn:s3:::bucket/*}. */
    public String globalArn(String service, String resource) {
        return Arn.builder().partition(partition()).service(service).region("").accountId("").resource(resource).build().toString();
    }

    /** An ARN of a resource in this region: {@code arn:aws-cn:ecr:cn-north-1:123456789012:repository/kops}. */
    public String arn(String service, String account, String resource) {
        return Arn.builder().partition(partition()).service(service).region(name).accountId(account).resource(resource).build().toString();
    }

    @Override
    public String toString() {
        return name;
    }
}
