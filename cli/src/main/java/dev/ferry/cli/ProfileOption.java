package dev.ferry.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --profile NAME}: the AWS profile of every AWS call a command makes (S3, ECR, EC2). */
public final class ProfileOption {

    @Option(names = "--profile", paramLabel = "NAME",
            description = "AWS profile for credentials and region (default: the SDK's default chain: environment, ~/.aws, instance role).")
    String profile;

    public Optional<String> value() {
        return Optional.ofNullable(profile);
    }
}
