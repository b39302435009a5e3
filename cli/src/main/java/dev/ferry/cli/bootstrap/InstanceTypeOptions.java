package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.maxpods.Ec2InstanceTypes;
import dev.ferry.bootstrap.maxpods.InstanceTypeSource;
import dev.ferry.bootstrap.maxpods.InstanceTypesFile;
import dev.ferry.error.FerryException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import picocli.CommandLine.Option;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

/** Where instance type limits come from: EC2 in a region (cached on disk), or a describe-instance-types JSON file. */
public final class InstanceTypeOptions {

    @Option(names = "--instance-types-file", paramLabel = "FILE",
            description = "Output of `aws ec2 describe-instance-types --output json` (no API call; for machines without EC2 access).")
    Path file;

    @Option(names = "--region", paramLabel = "REGION",
            description = "Region to ask EC2 DescribeInstanceTypes in (default: AWS_REGION / the AWS profile), e.g. cn-north-1.")
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
        String r = region;
        if (r == null) {
            try {
                r = DefaultAwsRegionProviderChain.builder().build().getRegion().id();
            } catch (RuntimeException e) {
                throw FerryException.badInput("no region to ask EC2 in",
                        "give --region cn-north-1 (or set AWS_REGION), or --instance-types-file types.json from `aws ec2 describe-instance-types`");
            }
        }
        return new Ec2InstanceTypes(Ec2InstanceTypes.client(r, Optional.ofNullable(endpoint)), r,
                Optional.of(cacheDir == null ? Ec2InstanceTypes.defaultCacheDir() : cacheDir),
                Ec2InstanceTypes.DEFAULT_MAX_AGE, refresh, Clock.systemUTC());
    }
}
