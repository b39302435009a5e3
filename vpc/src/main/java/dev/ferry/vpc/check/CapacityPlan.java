package dev.ferry.vpc.check;

import dev.ferry.bootstrap.maxpods.MaxPods;
import dev.ferry.bootstrap.maxpods.MaxPodsCalculator;
import dev.ferry.bootstrap.maxpods.PodNetworking;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How many IPv4 addresses the planned nodes take from each zone's subnets, against what EC2 says is free.
 *
 * <p>A node's pods take {@code maxPods − 2} addresses (the two host-network pods use the node's own), plus the primary
 * address of every ENI they need. With default networking all of it comes from the node subnet; with custom networking
 * the node subnet gives one address (the primary ENI holds no pod addresses) and the pod subnet the rest; with prefix
 * delegation pods take whole /28 prefixes. Nodes spread evenly over the zones of the node subnets, as an Auto Scaling
 * group balances them.
 *
 * @param nodeSubnetPerNode addresses a full node takes from its node subnet
 * @param podSubnetPerNode  addresses it takes from its zone's pod subnet (0 without custom networking)
 */
public record CapacityPlan(MaxPods maxPods, int nodes, int nodesPerZone, long nodeSubnetPerNode, long podSubnetPerNode, List<ZoneCapacity> zones) {
    private static final int HOST_NETWORK_PODS = 2;
    private static final int ADDRESSES_PER_PREFIX = 16;

    public CapacityPlan {
        zones = List.copyOf(zones);
    }

    /**
     * One zone's need and room.
     *
     * @param roomForNodes how many full nodes the zone's free addresses hold
     */
    public record ZoneCapacity(String zone, List<String> nodeSubnets, long nodeFree, long nodeNeed, List<String> podSubnets,
            long podFree, long podNeed, long roomForNodes) {}

    /** Empty when no nodes were planned or no node subnet was found. */
    static Optional<CapacityPlan> of(ClusterLayout layout, CheckRequest request) {
        if (request.capacity().isEmpty() || layout.nodeSubnets().isEmpty()) {
            return Optional.empty();
        }
        CheckRequest.Capacity cap = request.capacity().get();
        boolean custom = request.customNetworking();
        MaxPods m = MaxPodsCalculator.compute(cap.limits(), new PodNetworking(custom, cap.prefixDelegation()), true);
        long podAddresses = podAddresses(m);
        long nodePer = custom ? 1 : Math.max(1, podAddresses);
        long podPer = custom ? podAddresses : 0;
        List<String> zoneNames = layout.nodeZones();
        int perZone = (cap.nodes() + zoneNames.size() - 1) / zoneNames.size();
        List<ZoneCapacity> zones = new ArrayList<>();
        for (String zone : zoneNames) {
            List<ClusterSubnet> nodeSubnets = layout.nodeSubnets().stream().filter(s -> s.zone().equals(zone)).toList();
            List<ClusterSubnet> podSubnets = layout.withRole(Role.POD).stream().filter(s -> s.zone().equals(zone)).toList();
            long nodeFree = nodeSubnets.stream().mapToLong(s -> s.subnet().availableIps()).sum();
            long podFree = podSubnets.stream().mapToLong(s -> s.subnet().availableIps()).sum();
            long room = nodeFree / nodePer;
            if (custom) {
                room = Math.min(room, podPer == 0 ? room : podFree / podPer);
            }
            zones.add(new ZoneCapacity(zone, nodeSubnets.stream().map(ClusterSubnet::id).toList(), nodeFree, perZone * nodePer,
                    podSubnets.stream().map(ClusterSubnet::id).toList(), podFree, perZone * podPer, room));
        }
        return Optional.of(new CapacityPlan(m, cap.nodes(), perZone, nodePer, podPer, zones));
    }

    /** Addresses a node's pods and the ENIs that carry them take when the node runs {@code maxPods} pods. */
    static long podAddresses(MaxPods m) {
        int podAddresses = Math.max(0, m.maxPods() - HOST_NETWORK_PODS);
        int perEni = Math.max(1, m.ipv4PerEni() - 1);
        if (m.networking().prefixDelegation()) {
            int prefixes = ceil(podAddresses, ADDRESSES_PER_PREFIX);
            return (long) prefixes * ADDRESSES_PER_PREFIX + Math.min(m.enis(), ceil(prefixes, perEni));
        }
        return podAddresses + Math.min(m.enis(), ceil(podAddresses, perEni));
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }
}
