package dev.ferry.vpc.model;

import dev.ferry.vpc.net.Ipv4Cidr;
import java.util.Map;
import java.util.Optional;

/**
 * A subnet as DescribeSubnets reports it.
 *
 * @param availableIps        {@code availableIpAddressCount}: free IPv4 addresses now (EC2 already left out the 5 it reserves)
 * @param mapPublicIpOnLaunch whether instances launched here get a public IPv4 address
 */
public record Subnet(String id, String vpcId, String zone, String zoneId, Ipv4Cidr cidr, long availableIps,
        boolean mapPublicIpOnLaunch, String state, Map<String, String> tags) {
    public Subnet {
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** The {@code Name} tag, the name the console shows. */
    public Optional<String> name() {
        return Optional.ofNullable(tags.get("Name")).filter(n -> !n.isBlank());
    }
}
