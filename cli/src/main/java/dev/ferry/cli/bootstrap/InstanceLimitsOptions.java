package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.maxpods.Ec2InstanceTypes;
import dev.ferry.bootstrap.maxpods.InstanceTypeSource;
import dev.ferry.bootstrap.maxpods.InstanceTypesFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Instance type limits from a describe-instance-types JSON file, or from EC2 DescribeInstanceTypes cached on disk:
 * the options of every command that computes max-pods. The EC2 client and region come from the command.
 */
public final class InstanceLimitsOptions {

    @Option(names = "--instance-types-file", paramLabel = "FILE",
            description = "Output of `aws ec2 describe-instance-types --output json` (no API call; for machines without EC2 access).")
    Path file;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where EC2 answers are cached per region (default: ~/.cache/ferry/instance-types).")
    Path cacheDir;

    @Option(names = "--refresh", description = "Ask EC2 again even when the cache has the instance type.")
    boolean refresh;

    /** {@code --instance-types-file}, read, when given. */
    public Optional<InstanceTypeSource> file() {
        return Optional.ofNullable(file).map(InstanceTypesFile::read);
    }

    /** EC2 in {@code region}, through {@code ec2}, behind the local cache ({@code --cache-dir}, {@code --refresh}). */
    public InstanceTypeSource ec2(Ec2Client ec2, String region) {
        return new Ec2InstanceTypes(ec2, region, Optional.of(cacheDir == null ? Ec2InstanceTypes.defaultCacheDir() : cacheDir),
                Ec2InstanceTypes.DEFAULT_MAX_AGE, refresh, Clock.systemUTC());
    }
}
