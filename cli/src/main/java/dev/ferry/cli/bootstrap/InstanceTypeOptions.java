package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.maxpods.Ec2InstanceTypes;
import dev.ferry.bootstrap.maxpods.EmbeddedInstanceTypes;
import dev.ferry.bootstrap.maxpods.InstanceTypeSource;
import dev.ferry.bootstrap.maxpods.InstanceTypesFile;
import dev.ferry.error.FerryException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;

/** Where instance type limits come from: EC2 in a region (cached on disk), or a describe-instance-types JSON file. */
public final class InstanceTypeOptions {

    @Option(names = "--instance-types-file", paramLabel = "FILE",
            description = "Output of `aws ec2 describe-instance-types --output json` (no API call; for machines without EC2 access).")
    Path file;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Ask EC2 DescribeInstanceTypes live in this region, e.g. cn-north-1. Default: the table Ferry carries.")
    String region;

    @Option(names = "--endpoint", paramLabel = "URL", description = "EC2 endpoint URL (a VPC endpoint, or a test server).")
    URI endpoint;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where EC2 answers are cached per region (default: ~/.cache/ferry/instance-types).")
    Path cacheDir;

    @Option(names = "--refresh", description = "Ask EC2 again even when the cache has the instance type.")
    boolean refresh;

    /** The source to use; EC2 needs a region. */
    public InstanceTypeSource source() {
        if (file != null) {
            if (region != null || endpoint != null) {
                throw FerryException.badInput("give either --instance-types-file or --region/--endpoint, not both",
                        "the file already holds the limits; no EC2 call is made");
            }
            return InstanceTypesFile.read(file);
        }
        if (region == null) {
            if (endpoint != null) {
                throw FerryException.badInput("--endpoint needs --region", "e.g. --region cn-north-1 --endpoint https://ec2.cn-north-1.amazonaws.com.cn");
            }
            // No network needed: the limits Ferry carries (the VPC CNI's own table); --region asks EC2 itself.
            return EmbeddedInstanceTypes.load(Clock.systemUTC());
        }
        String r = region;
        return new Ec2InstanceTypes(Ec2InstanceTypes.client(r, Optional.ofNullable(endpoint)), r,
                Optional.of(cacheDir == null ? Ec2InstanceTypes.defaultCacheDir() : cacheDir),
                Ec2InstanceTypes.DEFAULT_MAX_AGE, refresh, Clock.systemUTC());
    }
}
