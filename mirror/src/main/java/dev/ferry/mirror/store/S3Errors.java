package dev.ferry.mirror.store;

import dev.ferry.aws.MissingCredentials;
import dev.ferry.error.FerryException;
import dev.ferry.error.NetworkFailure;
import dev.ferry.error.TargetRefused;
import dev.ferry.error.Unreachable;
import java.io.IOException;
import java.net.UnknownHostException;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The AWS SDK's errors in Ferry's words: an S3 error code with what to do about it, an endpoint that does not
 * resolve or answer named as such, missing credentials said in one line; never the SDK's chain of class names.
 */
final class S3Errors {
    private final String target;
    private final String endpoint;

    /**
     * @param target   the mirror, {@code s3://bucket/prefix}
     * @param endpoint the URL the client talks to ({@code --endpoint}, or the region's S3 endpoint)
     */
    S3Errors(String target, String endpoint) {
        this.target = target;
        this.endpoint = endpoint;
    }

    /** What failed when the client tried to {@code verb} {@code key} ("" for the bucket itself). */
    FerryException of(String verb, String key, SdkException e) {
        String where = target + (key.isEmpty() ? "" : "/" + key);
        if (e instanceof S3Exception s) {
            String code = s.awsErrorDetails() == null || s.awsErrorDetails().errorCode() == null ? "" : s.awsErrorDetails().errorCode();
            String detail = s.awsErrorDetails() == null ? NetworkFailure.withoutClassNames(String.valueOf(s.getMessage()))
                    : s.awsErrorDetails().errorMessage();
            String reason = (s.statusCode() + " " + code).trim();
            return new TargetRefused(target, reason, verb + " " + where + ": " + reason + (detail == null ? "" : " (" + detail + ")"),
                    hint(code), e);
        }
        if (MissingCredentials.in(e)) {
            return new FerryException(verb + " " + where + ": no AWS credentials found (checked: environment, profile, instance role)",
                    "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, give --profile NAME from ~/.aws/credentials, or run on an"
                            + " instance with a role; China regions need an aws-cn account's keys", FerryException.FAILED, e);
        }
        Optional<IOException> io = ioCause(e);
        if (io.isPresent()) {
            NetworkFailure f = network(io.get());
            String what = f.kind() == NetworkFailure.Kind.UNKNOWN_HOST ? "the S3 endpoint " + f.host() + " could not be resolved"
                    : "the S3 endpoint " + endpoint + " did not answer: " + f.describe();
            return new Unreachable(verb + " " + where + ": " + what, endpoint, f,
                    "check --region and --endpoint (and DNS, --proxy or HTTPS_PROXY for S3 on this network)");
        }
        return new FerryException(verb + " " + where + ": " + NetworkFailure.withoutClassNames(String.valueOf(e.getMessage())),
                "check the network path to S3 (--endpoint, --region, proxy settings)", FerryException.FAILED, e);
    }

    /** The endpoint's failure; an unknown host names the host the SDK tried (the bucket's virtual host, say). */
    private NetworkFailure network(IOException io) {
        NetworkFailure f = NetworkFailure.of(io, endpoint);
        if (io instanceof UnknownHostException && io.getMessage() != null && !io.getMessage().isBlank()) {
            String host = io.getMessage().split("[:\\s]")[0];
            return new NetworkFailure(f.kind(), host, 0, "");
        }
        return f;
    }

    private static Optional<IOException> ioCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException io) {
                return Optional.of(io);
            }
        }
        return Optional.empty();
    }

    private static String hint(String code) {
        return switch (code) {
            case "AccessDenied", "AllAccessDisabled" ->
                    "the credentials may not write to this bucket: check the IAM policy (s3:PutObject, s3:PutObjectAcl with --acl), --profile and the bucket policy";
            case "InvalidAccessKeyId", "SignatureDoesNotMatch" ->
                    "check the credentials (AWS_ACCESS_KEY_ID / --profile); China regions need an aws-cn account's keys";
            case "NoSuchBucket" -> "create the bucket first, or check its name and --region";
            case "PermanentRedirect", "AuthorizationHeaderMalformed" -> "the bucket is in another region: give its --region";
            case "AccessControlListNotSupported" -> "the bucket has ACLs disabled: drop --acl and allow anonymous reads with a bucket policy"
                    + " (docs/china-region.md), or enable ACLs on the bucket";
            case "BadDigest", "InvalidDigest" -> "the bytes changed on the way; run again";
            default -> "run again; if it persists, check the bucket and the endpoint";
        };
    }
}
