package dev.ferry.vpc.check;

import dev.ferry.vpc.model.Subnet;
import dev.ferry.vpc.route.DefaultRoute;

/**
 * A subnet of the VPC as the cluster will use it.
 *
 * @param kopsName the {@code name} in the kOps spec: the zone for node subnets, {@code utility-ZONE} for utility ones
 *                 ({@code -2}, {@code -3} added where a zone has several); empty for pod subnets
 */
public record ClusterSubnet(Subnet subnet, Role role, String kopsName, DefaultRoute route) {
    public String id() {
        return subnet.id();
    }

    public String zone() {
        return subnet.zone();
    }
}
