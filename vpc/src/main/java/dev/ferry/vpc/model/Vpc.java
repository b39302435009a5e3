package dev.ferry.vpc.model;

import dev.ferry.vpc.net.Ipv4Cidr;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A VPC as DescribeVpcs and DescribeVpcAttribute report it.
 *
 * @param cidrBlocks   the primary block first, then the others in EC2's order
 * @param dnsHostnames {@code enableDnsHostnames}: instances get {@code ip-10-0-1-7.cn-north-1.compute.internal} names
 * @param dnsSupport   {@code enableDnsSupport}: the Amazon DNS server (the VPC's .2 address) answers
 */
public record Vpc(String id, String ownerId, String state, List<CidrBlock> cidrBlocks, Map<String, String> tags,
        boolean dnsHostnames, boolean dnsSupport) {
    public Vpc {
        cidrBlocks = List.copyOf(cidrBlocks);
        tags = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(tags));
    }

    /** The primary block: what kOps calls {@code networkCIDR}. */
    public Optional<CidrBlock> primaryBlock() {
        return cidrBlocks.stream().filter(CidrBlock::primary).findFirst();
    }

    /** The block that holds {@code cidr}, in any state. */
    public Optional<CidrBlock> blockHolding(Ipv4Cidr cidr) {
        return cidrBlocks.stream().filter(b -> b.cidr().contains(cidr)).findFirst();
    }
}
