package dev.ferry.vpc.model;

/**
 * One route of a route table.
 *
 * @param destination an IPv4 CIDR ({@code 0.0.0.0/0}), or a prefix list or IPv6 destination as EC2 wrote it
 * @param target      what traffic to {@code destination} goes to
 * @param state       {@code active}, or {@code blackhole} when the target is gone (a deleted NAT gateway, a terminated instance)
 */
public record Route(String destination, Target target, String state) {
    public static final String DEFAULT_IPV4 = "0.0.0.0/0";

    /** What a route points at: the kind of target and its id. */
    public record Target(Kind kind, String id) {}

    /** The target kinds EC2 routes name. {@link #GATEWAY} is an internet or a virtual private gateway ({@code gatewayId}). */
    public enum Kind {
        LOCAL, GATEWAY, NAT_GATEWAY, INSTANCE, NETWORK_INTERFACE, TRANSIT_GATEWAY, VPC_PEERING, LOCAL_GATEWAY,
        CARRIER_GATEWAY, EGRESS_ONLY_GATEWAY, CORE_NETWORK, UNKNOWN
    }

    public boolean blackhole() {
        return "blackhole".equals(state);
    }
}
