package dev.ferry.vpc.check;

import dev.ferry.vpc.model.RouteTable;
import dev.ferry.vpc.route.DefaultRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * VPC CNI custom networking: a pod subnet in every zone nodes run in (one, so that ENIConfigs can be named after
 * the zone), none where no node runs, and pod subnets that leave the VPC the way their zone's nodes do.
 */
final class CustomNetworkingCheck implements Check {
    static final String ID = "custom-networking";

    @Override
    public List<Finding> check(CheckContext c) {
        List<Finding> out = new ArrayList<>();
        if (!c.request().customNetworking()) {
            return out;
        }
        List<ClusterSubnet> pods = c.layout().withRole(Role.POD);
        List<String> nodeZones = c.layout().nodeZones();
        for (String zone : nodeZones) {
            List<ClusterSubnet> here = pods.stream().filter(p -> p.zone().equals(zone)).toList();
            if (here.isEmpty()) {
                out.add(Finding.error(ID, zone, "nodes run in " + zone + " but no pod subnet is there",
                        "a network interface can only use a subnet in its instance's zone: the VPC CNI finds no ENIConfig named " + zone
                                + " for these nodes and their pods stay in ContainerCreating",
                        "add a pod subnet in " + zone + " (in the secondary CIDR) to " + c.request().names().podSubnets(), List.of()));
            } else if (here.size() > 1) {
                out.add(Finding.warning(ID, zone, here.size() + " pod subnets in " + zone + ": " + ids(here),
                        "an ENIConfig named after the zone holds one subnet; with several, ENIConfigs need their own names and every node the"
                                + " annotation k8s.amazonaws.com/eniConfig=NAME (ENI_CONFIG_ANNOTATION_DEF), and " + c.request().names().eniConfigOutput() + " cannot render them",
                        "give one pod subnet per zone, or name ENIConfigs per node group and annotate the nodes", List.of()));
            }
        }
        for (ClusterSubnet p : pods) {
            if (!nodeZones.contains(p.zone())) {
                out.add(Finding.warning(ID, p.id(), "the pod subnet is in " + p.zone() + ", where no node subnet is",
                        "pods get addresses only from a subnet in their node's zone: no node will use it",
                        "use a pod subnet in " + String.join(" or ", nodeZones) + " instead", List.of()));
            }
            if (c.layout().nodeSubnets().stream().anyMatch(n -> n.id().equals(p.id()))) {
                out.add(Finding.warning(ID, p.id(), "the pod subnet is also a node subnet",
                        "custom networking then saves no addresses: pods and nodes still share one subnet", "use a subnet of the secondary CIDR", List.of()));
            }
            sameExit(c, p).ifPresent(out::add);
        }
        return out;
    }

    /** The pod subnet's default route should match that of the node subnets of its zone. */
    private static Optional<Finding> sameExit(CheckContext c, ClusterSubnet pod) {
        Optional<ClusterSubnet> node = c.layout().nodeSubnets().stream().filter(n -> n.zone().equals(pod.zone())).findFirst();
        if (node.isEmpty() || sameTarget(node.get().route(), pod.route())) {
            return Optional.empty();
        }
        Optional<RouteTable> nodeTable = c.routing().tableOf(node.get().id());
        return Optional.of(Finding.warning(ID, pod.id(), "the pod subnet's default route is " + pod.route().describe()
                        + ", its zone's node subnet " + node.get().id() + " uses " + node.get().route().describe(),
                "with the VPC CNI's default SNAT, pod traffic to the internet leaves from the node's address and follows the node subnet's"
                        + " routes; with AWS_VPC_K8S_CNI_EXTERNALSNAT=true, or for ranges in AWS_VPC_K8S_CNI_EXCLUDE_SNAT_CIDRS, it follows the"
                        + " pod subnet's routes and must reach the same NAT",
                "give the pod subnet the node subnet's route table:",
                nodeTable.map(t -> List.of(RouteFixes.useTable(c, pod, t))).orElse(List.of())));
    }

    private static boolean sameTarget(DefaultRoute a, DefaultRoute b) {
        return a.routeTableId().equals(b.routeTableId()) || (a.getClass() == b.getClass() && a.describe().equals(b.describe()));
    }

    private static String ids(List<ClusterSubnet> subnets) {
        return String.join(", ", subnets.stream().map(ClusterSubnet::id).toList());
    }
}
