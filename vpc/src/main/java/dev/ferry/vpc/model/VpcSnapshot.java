package dev.ferry.vpc.model;

import dev.ferry.aws.AwsRegion;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything EC2 said about one VPC, read once: the check works on this and calls nothing.
 *
 * @param subnets          the VPC's own subnets with an IPv4 block
 * @param ipv6OnlySubnets  the VPC's subnets without one (no address for an IPv4 node or pod)
 * @param elsewhere        subnets the user named that are not in the VPC: in another VPC, or (empty) nowhere in the region
 * @param natInstances     instances that default routes send traffic to (empty: EC2 knows no such instance)
 */
public record VpcSnapshot(AwsRegion region, Vpc vpc, List<Subnet> subnets, List<String> ipv6OnlySubnets, Map<String, Optional<Subnet>> elsewhere,
        List<RouteTable> routeTables, List<NatGateway> natGateways, List<InternetGateway> internetGateways,
        Map<String, Optional<Instance>> natInstances, List<Zone> zones) {
    public VpcSnapshot {
        subnets = List.copyOf(subnets);
        ipv6OnlySubnets = List.copyOf(ipv6OnlySubnets);
        elsewhere = Map.copyOf(elsewhere);
        routeTables = List.copyOf(routeTables);
        natGateways = List.copyOf(natGateways);
        internetGateways = List.copyOf(internetGateways);
        natInstances = Map.copyOf(natInstances);
        zones = List.copyOf(zones);
    }

    public Optional<Subnet> subnet(String id) {
        return subnets.stream().filter(s -> s.id().equals(id)).findFirst();
    }

    public Optional<NatGateway> natGateway(String id) {
        return natGateways.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public Optional<Zone> zone(String name) {
        return zones.stream().filter(z -> z.name().equals(name)).findFirst();
    }

    public boolean isInternetGateway(String id) {
        return internetGateways.stream().anyMatch(g -> g.id().equals(id));
    }
}
