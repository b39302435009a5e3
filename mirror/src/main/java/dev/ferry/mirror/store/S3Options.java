package dev.ferry.mirror.store;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an S3 bucket.
 *
 * @param region     e.g. {@code cn-north-1}; empty to use the SDK's default chain (AWS_REGION, the profile)
 * @param endpoint   an S3-compatible server (MinIO, S3Proxy); addressed path-style
 * @param profile    a named profile from ~/.aws/credentials and ~/.aws/config; empty for the default chain
 * @param publicRead publish objects and sidecars with the {@code public-read} canned ACL
 */
public record S3Options(Optional<String> region, Optional<URI> endpoint, Optional<String> profile, boolean publicRead) {
    public S3Options {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(profile, "profile");
    }

    /** The default chain for everything, private objects. */
    public static S3Options defaults() {
        return new S3Options(Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
