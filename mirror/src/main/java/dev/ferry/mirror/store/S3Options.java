package dev.ferry.mirror.store;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an S3 bucket.
 *
 * @param region   e.g. {@code cn-north-1}; empty to use the SDK's default chain (AWS_REGION, the profile)
 * @param endpoint an S3-compatible server (MinIO, S3Proxy); addressed path-style
 * @param profile  a named profile from ~/.aws/credentials and ~/.aws/config; empty for the default chain
 * @param acl      the canned ACL objects and sidecars are published with, and that objects already there are
 *                 given when theirs differs; empty to leave ACLs to the bucket's defaults
 */
public record S3Options(Optional<String> region, Optional<URI> endpoint, Optional<String> profile, Optional<ObjectAcl> acl) {
    public S3Options {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(acl, "acl");
    }

    /** With {@code public-read} when {@code publicRead}, else with no ACL asked for. */
    public S3Options(Optional<String> region, Optional<URI> endpoint, Optional<String> profile, boolean publicRead) {
        this(region, endpoint, profile, publicRead ? Optional.of(ObjectAcl.PUBLIC_READ) : Optional.empty());
    }

    /** The default chain for everything, no ACL asked for. */
    public static S3Options defaults() {
        return new S3Options(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
}
