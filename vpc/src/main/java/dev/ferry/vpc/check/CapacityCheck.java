package dev.ferry.vpc.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Enough free IPv4 addresses in each zone's node (and pod) subnets for the nodes planned at their max-pods. */
final class CapacityCheck implements Check {
    static final String ID = "capacity";

    @Override
    public List<Finding> check(CheckContext c) {
        List<Finding> out = new ArrayList<>();
        Optional<CapacityPlan> plan = CapacityPlan.of(c.layout(), c.request());
        if (plan.isEmpty()) {
            return out;
        }
        CapacityPlan p = plan.get();
        String each = p.nodesPerZone() + " node(s) of " + p.maxPods().instanceType() + " at max-pods " + p.maxPods().maxPods();
        for (CapacityPlan.ZoneCapacity z : p.zones()) {
            if (z.nodeFree() < z.nodeNeed()) {
                out.add(Finding.error(ID, subject(z.zone(), z.nodeSubnets()), z.zone() + ": " + each + " take " + z.nodeNeed()
                        + " addresses from the node subnet(s), " + z.nodeFree() + " are free",
                        "the VPC CNI gives every pod a VPC address from " + (c.request().customNetworking() ? "the pod subnet, and each node one"
                                : "the node's subnet") + "; when they run out, pods stay in ContainerCreating (failed to assign an IP address)",
                        "use larger or more subnets in " + z.zone() + ", fewer nodes, or custom networking (" + c.request().names().podSubnets() + ") to move pods"
                                + " to a secondary CIDR such as 100.64.0.0/16", List.of()));
            }
            if (c.request().customNetworking() && !z.podSubnets().isEmpty() && z.podFree() < z.podNeed()) {
                out.add(Finding.error(ID, subject(z.zone(), z.podSubnets()), z.zone() + ": " + each + " take " + z.podNeed()
                        + " addresses from the pod subnet(s), " + z.podFree() + " are free",
                        "with custom networking every pod address comes from the zone's pod subnet; when it runs out, pods stay in ContainerCreating",
                        "use a larger pod subnet in " + z.zone() + " (a secondary CIDR leaves room for a /17 or more)", List.of()));
            }
        }
        for (String n : p.maxPods().notes()) {
            out.add(Finding.note(ID, p.maxPods().instanceType(), n, "max-pods decides how many addresses a node takes"));
        }
        if (p.maxPods().networking().prefixDelegation()) {
            out.add(Finding.note(ID, p.maxPods().instanceType(), "prefix delegation takes whole /28 blocks",
                    "free addresses can be scattered; EC2 then refuses new prefixes (InsufficientCidrBlocks) although addresses are free."
                            + " A subnet CIDR reservation of type prefix keeps /28 blocks for them (aws ec2 create-subnet-cidr-reservation)"));
        }
        return out;
    }

    private static String subject(String zone, List<String> subnets) {
        return subnets.size() == 1 ? subnets.get(0) : zone;
    }
}
