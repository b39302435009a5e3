package dev.ferry.vpc.model;

import dev.ferry.vpc.net.Ipv4Cidr;

/**
 * An IPv4 CIDR block associated with a VPC, with its association state as EC2 reports it
 * ({@code associating}, {@code associated}, {@code disassociating}, {@code disassociated}, {@code failing}, {@code failed}).
 *
 * @param primary the VPC's first block (kOps's {@code networkCIDR}); the others are {@code additionalNetworkCIDRs}
 */
public record CidrBlock(Ipv4Cidr cidr, String state, boolean primary) {
    public static final String ASSOCIATED = "associated";

    public boolean associated() {
        return ASSOCIATED.equals(state);
    }
}
