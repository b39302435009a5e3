package dev.ferry.bootstrap.maxpods;

import dev.ferry.aws.AwsRegion;
import dev.ferry.aws.Ec2Call;
import dev.ferry.aws.Ec2Error;
import dev.ferry.format.AtomicFile;
import dev.ferry.format.Json;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypesResponse;
import software.amazon.awssdk.services.ec2.model.InstanceTypeInfo;
import software.amazon.awssdk.services.ec2.model.NetworkInfo;

/**
 * Instance limits from EC2 {@code DescribeInstanceTypes}, one type per call, cached on disk per region
 * ({@code <cacheDir>/<region>/<type>.json}) because the limits of a type do not change and admins in
 * China often render from machines where every API call is slow.
 */
public final class Ec2InstanceTypes implements InstanceTypeSource {
    /** Limits of existing types do not change; a month keeps new-generation corrections in reach. */
    public static final Duration DEFAULT_MAX_AGE = Duration.ofDays(30);

    private final Ec2Client ec2;
    private final Ec2Call calls;
    private final String region;
    private final Optional<Path> cacheDir;
    private final Duration maxAge;
    private final boolean refresh;
    private final Clock clock;

    public Ec2InstanceTypes(Ec2Client ec2, String region, Optional<Path> cacheDir, Duration maxAge, boolean refresh, Clock clock) {
        this.ec2 = ec2;
        AwsRegion parsed = AwsRegion.parse(region, "region");
        this.region = parsed.name();
        this.calls = new Ec2Call(parsed, "max-pods needs only ec2:DescribeInstanceTypes", code -> Optional.empty());
        this.cacheDir = cacheDir;
        this.maxAge = maxAge;
        this.refresh = refresh;
        this.clock = clock;
    }

    /** A client for {@code region} with the default credential chain; {@code endpoint} for VPC endpoints or tests. */
    public static Ec2Client client(String region, Optional<URI> endpoint) {
        var b = Ec2Client.builder().region(Region.of(region));
        endpoint.ifPresent(b::endpointOverride);
        return b.build();
    }

    /** {@code $XDG_CACHE_HOME/ferry/instance-types}, else {@code ~/.cache/ferry/instance-types}. */
    public static Path defaultCacheDir() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("ferry").resolve("instance-types");
    }

    @Override
    public Optional<InstanceLimits> find(String instanceType) {
        if (!instanceType.matches(InstanceTypeSource.NAME)) {
            return Optional.empty(); // also keeps the cache file name inside the cache folder
        }
        if (!refresh) {
            Optional<InstanceLimits> cached = readCache(instanceType);
            if (cached.isPresent()) {
                return cached;
            }
        }
        Optional<DescribeInstanceTypesResponse> answer;
        try {
            answer = calls.runUnless("DescribeInstanceTypes", "InvalidInstanceType",
                    () -> ec2.describeInstanceTypes(r -> r.instanceTypesWithStrings(instanceType)));
        } catch (Ec2Error e) {
            throw switch (e.reason()) {
                case REFUSED -> new LimitsUnavailable(LimitsUnavailable.Reason.EC2_REFUSED, instanceType, e.getMessage(),
                        "check the credentials allow ec2:DescribeInstanceTypes, or read the limits from a file", e);
                case NO_CREDENTIALS -> new LimitsUnavailable(LimitsUnavailable.Reason.EC2_UNREACHABLE, instanceType, e.getMessage(),
                        e.hint().orElse("") + ", or read the limits from a file", e);
                case UNREACHABLE -> new LimitsUnavailable(LimitsUnavailable.Reason.EC2_UNREACHABLE, instanceType, e.getMessage(),
                        "without API access, run `aws ec2 describe-instance-types --output json > types.json` where you can and read"
                                + " the limits from that file", e);
            };
        }
        if (answer.isEmpty()) {
            return Optional.empty();
        }
        DescribeInstanceTypesResponse resp = answer.get();
        for (InstanceTypeInfo info : resp.instanceTypes()) {
            if (instanceType.equals(info.instanceTypeAsString())) {
                InstanceLimits limits = toLimits(info);
                writeCache(limits);
                return Optional.of(limits);
            }
        }
        return Optional.empty();
    }

    private InstanceLimits toLimits(InstanceTypeInfo info) {
        NetworkInfo n = info.networkInfo();
        if (n == null || n.maximumNetworkInterfaces() == null || n.ipv4AddressesPerInterface() == null
                || info.vCpuInfo() == null || info.vCpuInfo().defaultVCpus() == null) {
            throw new LimitsUnavailable(LimitsUnavailable.Reason.EC2_INCOMPLETE, info.instanceTypeAsString(), "EC2 returned no network or vCPU limits for "
                    + info.instanceTypeAsString() + " in " + region, "read the limits from the output of aws ec2 describe-instance-types", null);
        }
        List<InstanceLimits.NetworkCard> cards = n.networkCards().stream()
                .map(c -> new InstanceLimits.NetworkCard(c.networkCardIndex() == null ? 0 : c.networkCardIndex(),
                        c.maximumNetworkInterfaces() == null ? 0 : c.maximumNetworkInterfaces()))
                .toList();
        return InstanceLimits.of(info.instanceTypeAsString(), n.maximumNetworkInterfaces(), n.ipv4AddressesPerInterface(),
                Optional.ofNullable(n.defaultNetworkCardIndex()), cards, info.vCpuInfo().defaultVCpus(),
                Optional.ofNullable(info.hypervisorAsString()).orElse(""), Boolean.TRUE.equals(info.bareMetal()), describe());
    }

    private Optional<Path> cacheFile(String instanceType) {
        return cacheDir.map(d -> d.resolve(region).resolve(instanceType + ".json"));
    }

    private Optional<InstanceLimits> readCache(String instanceType) {
        Optional<Path> file = cacheFile(instanceType);
        if (file.isEmpty() || !Files.isRegularFile(file.get())) {
            return Optional.empty();
        }
        try {
            Map<String, YamlNode> m = Yaml.read(file.get()).map("cache entry");
            Instant fetched = Instant.parse(YamlNode.optString(m, "fetchedAt").orElse("1970-01-01T00:00:00Z"));
            if (fetched.plus(maxAge).isBefore(clock.instant())) {
                return Optional.empty();
            }
            return Optional.of(new InstanceLimits(instanceType, (int) m.get("enis").number("enis"), (int) m.get("ipv4PerEni").number("ipv4PerEni"),
                    (int) m.get("networkCards").number("networkCards"), (int) m.get("vcpus").number("vcpus"),
                    YamlNode.optString(m, "hypervisor").orElse(""), m.get("bareMetal").bool("bareMetal"),
                    describe() + " (cached " + fetched + ")"));
        } catch (RuntimeException e) {
            // A damaged cache entry is only a cache miss: ask EC2 again and overwrite it.
            return Optional.empty();
        }
    }

    private void writeCache(InstanceLimits l) {
        Optional<Path> file = cacheFile(l.instanceType());
        if (file.isEmpty()) {
            return;
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("instanceType", l.instanceType());
        m.put("region", region);
        m.put("fetchedAt", clock.instant().toString());
        m.put("enis", l.enis());
        m.put("ipv4PerEni", l.ipv4PerEni());
        m.put("networkCards", l.networkCards());
        m.put("vcpus", l.vcpus());
        m.put("hypervisor", l.hypervisor());
        m.put("bareMetal", l.bareMetal());
        try {
            AtomicFile.write(file.get(), Json.write(m) + "\n");
        } catch (IOException e) {
            // The cache only saves a call next time; failing to write it must not fail the command.
            System.err.println("warning: cannot write the instance type cache " + file.get() + ": " + e.getMessage());
        }
    }

    @Override
    public String describe() {
        return "EC2 DescribeInstanceTypes in " + region;
    }
}
