package dev.ferry.vpc.check;

import dev.ferry.vpc.model.Subnet;
import dev.ferry.vpc.model.VpcSnapshot;
import dev.ferry.vpc.route.DefaultRoute;
import dev.ferry.vpc.route.Routing;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The named subnets that are in the VPC, each with its role, kOps name and default route, and the topology.
 * Subnets that are missing or in another VPC are left out here; the subnet check reports them.
 *
 * @param topologyReason why this topology: "--topology", "--utility-subnets given", or what the routes say
 */
public record ClusterLayout(Topology topology, String topologyReason, List<ClusterSubnet> subnets) {
    public ClusterLayout {
        subnets = List.copyOf(subnets);
    }

    public static ClusterLayout of(VpcSnapshot vpc, CheckRequest request, Routing routing) {
        List<Subnet> nodes = found(vpc, request.nodeSubnets());
        Topology topology;
        String reason;
        if (request.topology().isPresent()) {
            topology = request.topology().get();
            reason = "--topology " + topology.id();
        } else if (!request.utilitySubnets().isEmpty()) {
            topology = Topology.PRIVATE;
            reason = "--utility-subnets given";
        } else if (!nodes.isEmpty() && nodes.stream().allMatch(s -> routing.defaultRoute(s.id()) instanceof DefaultRoute.ToInternetGateway)) {
            topology = Topology.PUBLIC;
            reason = "every --subnets subnet routes 0.0.0.0/0 to an internet gateway";
        } else if (!nodes.isEmpty()) {
            topology = Topology.PRIVATE;
            reason = "not every --subnets subnet routes 0.0.0.0/0 to an internet gateway";
        } else {
            topology = Topology.PUBLIC;
            reason = "kOps's default (no --subnets given)";
        }
        Role nodeRole = topology == Topology.PUBLIC ? Role.PUBLIC : Role.PRIVATE;
        List<ClusterSubnet> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        nodes.forEach(s -> out.add(new ClusterSubnet(s, nodeRole, unique(names, s.zone()), routing.defaultRoute(s.id()))));
        found(vpc, request.utilitySubnets())
                .forEach(s -> out.add(new ClusterSubnet(s, Role.UTILITY, unique(names, "utility-" + s.zone()), routing.defaultRoute(s.id()))));
        found(vpc, request.podSubnets()).forEach(s -> out.add(new ClusterSubnet(s, Role.POD, "", routing.defaultRoute(s.id()))));
        return new ClusterLayout(topology, reason, out);
    }

    public List<ClusterSubnet> withRole(Role role) {
        return subnets.stream().filter(s -> s.role() == role).toList();
    }

    /** Node subnets (Public or Private). */
    public List<ClusterSubnet> nodeSubnets() {
        return subnets.stream().filter(s -> s.role().nodes()).toList();
    }

    /** The subnets of the kOps spec: nodes and utility, not pods. */
    public List<ClusterSubnet> kopsSubnets() {
        return subnets.stream().filter(s -> s.role() != Role.POD).toList();
    }

    /** Zones that node subnets are in, in the order first seen. */
    public List<String> nodeZones() {
        return List.copyOf(new LinkedHashSet<>(nodeSubnets().stream().map(ClusterSubnet::zone).toList()));
    }

    public Optional<ClusterSubnet> get(String subnetId) {
        return subnets.stream().filter(s -> s.id().equals(subnetId)).findFirst();
    }

    private static List<Subnet> found(VpcSnapshot vpc, List<String> ids) {
        return ids.stream().map(vpc::subnet).flatMap(Optional::stream).toList();
    }

    private static String unique(Set<String> taken, String base) {
        String name = base;
        for (int n = 2; !taken.add(name); n++) {
            name = base + "-" + n;
        }
        return name;
    }
}
