package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.maxpods.Ec2InstanceTypes;
import dev.ferry.bootstrap.maxpods.InstanceTypeSource;
import dev.ferry.bootstrap.maxpods.InstanceTypesFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
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

    public boolean fromFile() {
        return file != null;
    }

    /** The file, or EC2 in {@code region} through the client {@code ec2} gives (asked for only then). */
    public InstanceTypeSource source(Supplier<Ec2Client> ec2, String region) {
        if (file != null) {
            return InstanceTypesFile.read(file);
        }
        return new Ec2InstanceTypes(ec2.get(), region, Optional.of(cacheDir == null ? Ec2InstanceTypes.defaultCacheDir() : cacheDir),
                Ec2InstanceTypes.DEFAULT_MAX_AGE, refresh, Clock.systemUTC());
    }
}
