package dev.ferry.cli.mirror;

import dev.ferry.aws.AwsRegion;
import dev.ferry.cli.ProfileOption;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.store.MirrorTarget;
import dev.ferry.mirror.store.ObjectAcl;
import dev.ferry.mirror.store.S3Options;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code --to} and the S3 flags shared by sync, push and verify: S3-only flags refused for a folder
 * target, the endpoint an http(s) URL, the region an AWS region name. Commands that publish add
 * {@link AclOption}.
 */
public final class TargetOptions {

    private static final String DEFAULT_TO = "file:./mirror";

    @Option(names = "--to", paramLabel = "TARGET", description = "Where the files go: file:DIR or s3://bucket/prefix (default: " + DEFAULT_TO + ").")
    String to;

    @Option(names = "--region", paramLabel = "REGION", description = "S3 region, e.g. cn-north-1 (China regions need nothing else). Default: AWS_REGION or the profile's.")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL", description = "An S3-compatible endpoint (MinIO, Ceph…), addressed path-style.")
    String endpoint;

    @Mixin
    ProfileOption profile;

    private boolean images;

    /** The command line's words for the target, for the commands Ferry suggests as fixes. */
    public String flags(MirrorTarget target) {
        return "--to " + target + (region == null ? "" : " --region " + region) + (endpoint == null ? "" : " --endpoint " + endpoint)
                + profile.value().map(p -> " --profile " + p).orElse("");
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    /** The command also handles images: {@code --profile} then also names the ECR target's credentials, and a folder may take it. */
    public TargetOptions withImages(boolean alsoImages) {
        this.images = alsoImages;
        return this;
    }

    /** Whether {@code --to} was given (commands that also handle images then do the files too). */
    public boolean given() {
        return to != null;
    }

    /** AWS profile given with {@code --profile}. */
    public Optional<String> profile() {
        return profile.value();
    }

    public MirrorTarget target() {
        String to = this.to == null ? DEFAULT_TO : this.to;
        MirrorTarget target = MirrorTarget.parse(to);
        if (target instanceof MirrorTarget.Folder f && Files.isRegularFile(f.dir().resolve("pom.xml"))
                && Files.isDirectory(f.dir().resolve("src"))) {
            // The default ./mirror, run from a checkout of Ferry, is Ferry's own source module.
            throw FerryException.badInput("--to " + to + " is a source folder (it holds pom.xml and src/), not a mirror",
                    "give the mirror its own folder, e.g. --to file:./out/mirror");
        }
        return target;
    }

    /** For commands that only read the target. */
    public S3Options s3(MirrorTarget target) {
        return s3(target, new AclOption());
    }

    public S3Options s3(MirrorTarget target, AclOption aclOption) {
        String acl = aclOption.acl;
        Optional<ObjectAcl> objectAcl = Optional.ofNullable(acl).map(ObjectAcl::parse);
        if (target instanceof MirrorTarget.Folder) {
            List<String> s3Only = new ArrayList<>();
            if (acl != null) {
                s3Only.add("--acl");
            }
            if (region != null) {
                s3Only.add("--region");
            }
            if (endpoint != null) {
                s3Only.add("--endpoint");
            }
            if (profile.value().isPresent() && !images) {
                s3Only.add("--profile");
            }
            if (!s3Only.isEmpty()) {
                throw FerryException.badInput(String.join(", ", s3Only) + " only apply to s3:// targets, and --to is " + target,
                        "give --to s3://bucket/prefix, or drop " + String.join(", ", s3Only));
            }
        }
        Optional<URI> endpointUri = Optional.ofNullable(endpoint).map(e -> {
            try {
                URI u = URI.create(e.trim());
                if (u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                    throw new IllegalArgumentException();
                }
                return u;
            } catch (IllegalArgumentException ex) {
                throw FerryException.badInput("--endpoint '" + e + "' is not an http(s) URL", "e.g. --endpoint http://minio.internal:9000");
            }
        });
        Optional<String> regionName = Optional.ofNullable(region).map(r -> AwsRegion.parse(r, "--region").name());
        return new S3Options(regionName, endpointUri, profile.value(), objectAcl);
    }
}
