package dev.ferry.vpc.model;

import java.util.Optional;

/**
 * An EC2 instance that a route sends traffic to: a NAT instance, as DescribeInstances reports it.
 *
 * @param sourceDestCheck a NAT instance forwards other hosts' packets only with this off
 * @param publicIp        its public IPv4 address, if it has one
 */
public record Instance(String id, String state, String vpcId, String subnetId, boolean sourceDestCheck, Optional<String> publicIp) {
    public boolean running() {
        return "running".equals(state);
    }
}
