package dev.ferry.vpc.check;

import dev.ferry.bootstrap.maxpods.InstanceLimits;
import dev.ferry.error.FerryException;
import dev.ferry.vpc.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What to check: the VPC, the subnets the cluster will use and what for, and what the admin plans.
 *
 * @param cluster            the kOps cluster name, for the {@code kubernetes.io/cluster/NAME} tags
 * @param nodeSubnets        {@code kops create cluster --subnets}: where nodes run
 * @param utilitySubnets     {@code --utility-subnets}: load balancers and bastions of a private topology
 * @param podSubnets         VPC CNI custom networking: where pods get their addresses (one ENIConfig per zone)
 * @param newSubnetCidrs     CIDRs the admin plans for subnets kOps or the network team will create
 * @param topology           given, or decided from the subnets (see {@link ClusterLayout})
 * @param capacity           the nodes planned, for the free-address check
 * @param tagsManagedOutside kOps will run with {@code --disable-subnet-tags}: it adds no tags, so missing ones matter
 * @param names              how the caller's users name the inputs, in findings and refusals
 */
public record CheckRequest(String vpcId, Optional<String> cluster, List<String> nodeSubnets, List<String> utilitySubnets,
        List<String> podSubnets, List<Ipv4Cidr> newSubnetCidrs, Optional<Topology> topology, Optional<Capacity> capacity,
        boolean tagsManagedOutside, InputNames names) {
    private static final Pattern VPC = Pattern.compile("vpc-([0-9a-f]{8}|[0-9a-f]{17})");
    private static final Pattern SUBNET = Pattern.compile("subnet-([0-9a-f]{8}|[0-9a-f]{17})");
    /** A kOps cluster name is a DNS name (kOps insists on a dot, or .k8s.local for gossip). */
    private static final Pattern CLUSTER = Pattern.compile("[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+");

    /**
     * Nodes planned and the instance type's limits.
     *
     * @param prefixDelegation the VPC CNI will run with {@code ENABLE_PREFIX_DELEGATION=true}
     */
    public record Capacity(int nodes, InstanceLimits limits, boolean prefixDelegation) {
        public Capacity {
            if (nodes < 1) {
                throw FerryException.badInput("the nodes planned must be 1 or more, not " + nodes, "give 1 or more");
            }
        }
    }

    public CheckRequest {
        java.util.Objects.requireNonNull(names, "names");
        if (vpcId == null || !VPC.matcher(vpcId).matches()) {
            throw FerryException.badInput("'" + vpcId + "' is not a VPC ID", "VPC IDs look like vpc-0123456789abcdef0");
        }
        cluster.ifPresent(c -> {
            if (!CLUSTER.matcher(c).matches()) {
                throw FerryException.badInput(names.cluster() + " '" + c + "' is not a kOps cluster name",
                        "kOps cluster names are DNS names such as k8s.example.cn or mycluster.k8s.local");
            }
        });
        nodeSubnets = ids(nodeSubnets, "--subnets");
        utilitySubnets = ids(utilitySubnets, "--utility-subnets");
        podSubnets = ids(podSubnets, names.podSubnets());
        newSubnetCidrs = List.copyOf(new LinkedHashSet<>(newSubnetCidrs));
        for (String id : utilitySubnets) {
            if (nodeSubnets.contains(id)) {
                throw FerryException.badInput(id + " is given in both --subnets and --utility-subnets",
                        "a subnet has one kOps type: nodes (Private) or load balancers (Utility)");
            }
        }
        if (utilitySubnets.size() > 0 && nodeSubnets.isEmpty()) {
            throw FerryException.badInput("--utility-subnets without --subnets", "give the node subnets too: kOps takes all subnets by ID or none");
        }
        if (topology.equals(Optional.of(Topology.PUBLIC)) && !utilitySubnets.isEmpty()) {
            throw FerryException.badInput("--utility-subnets with --topology public",
                    "utility subnets belong to a private topology; in a public one nodes and load balancers share the Public subnets");
        }
    }

    /** With the plain names of the inputs. */
    public CheckRequest(String vpcId, Optional<String> cluster, List<String> nodeSubnets, List<String> utilitySubnets,
            List<String> podSubnets, List<Ipv4Cidr> newSubnetCidrs, Optional<Topology> topology, Optional<Capacity> capacity,
            boolean tagsManagedOutside) {
        this(vpcId, cluster, nodeSubnets, utilitySubnets, podSubnets, newSubnetCidrs, topology, capacity, tagsManagedOutside, InputNames.PLAIN);
    }

    /** Every subnet ID named, node subnets first. */
    public List<String> namedSubnets() {
        LinkedHashSet<String> all = new LinkedHashSet<>(nodeSubnets);
        all.addAll(utilitySubnets);
        all.addAll(podSubnets);
        return List.copyOf(all);
    }

    public boolean customNetworking() {
        return !podSubnets.isEmpty();
    }

    private static List<String> ids(List<String> given, String flag) {
        List<String> out = new ArrayList<>();
        for (String raw : given) {
            String id = raw.trim();
            if (!SUBNET.matcher(id).matches()) {
                throw FerryException.badInput(flag + ": '" + raw + "' is not a subnet ID",
                        "subnet IDs look like subnet-0123456789abcdef0; list them with aws ec2 describe-subnets");
            }
            if (!out.contains(id)) {
                out.add(id);
            }
        }
        return List.copyOf(out);
    }
}
