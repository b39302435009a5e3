package dev.ferry.vpc.check;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tags kOps writes on shared subnets and the Kubernetes AWS cloud provider and load balancer controller read:
 * {@code kubernetes.io/cluster/NAME=shared}, {@code SubnetType}, {@code kubernetes.io/role/elb=1} on public and
 * utility subnets, {@code kubernetes.io/role/internal-elb=1} on private ones.
 */
final class TagCheck implements Check {
    static final String ID = "tags";
    private static final String CLUSTER_TAG = "kubernetes.io/cluster/";

    @Override
    public List<Finding> check(CheckContext c) {
        List<Finding> out = new ArrayList<>();
        if (c.request().cluster().isEmpty()) {
            if (!c.layout().kopsSubnets().isEmpty()) {
                out.add(Finding.note(ID, c.vpcId(), "no " + c.request().names().cluster() + " given: the kubernetes.io/cluster/NAME tags were not checked",
                        "give the kOps cluster name to check the tags the cloud provider uses to find the cluster's subnets"));
            }
            return out;
        }
        String name = c.request().cluster().get();
        for (ClusterSubnet s : c.layout().kopsSubnets()) {
            Map<String, String> missing = new LinkedHashMap<>();
            expected(c, s, name).forEach((k, v) -> {
                if (!v.equals(s.subnet().tags().get(k))) {
                    missing.put(k, v);
                }
            });
            if ("owned".equals(s.subnet().tags().get(CLUSTER_TAG + name))) {
                out.add(Finding.warning(ID, s.id(), "tagged " + CLUSTER_TAG + name + "=owned",
                        "kops delete cluster deletes what the cluster owns, this subnet included; a subnet kOps did not create must be 'shared'",
                        "mark it shared:", List.of(c.aws().createTags(s.id(), Map.of(CLUSTER_TAG + name, "shared")))));
                missing.remove(CLUSTER_TAG + name);
            }
            if (!missing.isEmpty()) {
                out.add(missingTags(c, s, missing));
            }
            otherClusters(s, name).forEach(out::add);
        }
        return out;
    }

    private static Map<String, String> expected(CheckContext c, ClusterSubnet s, String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(CLUSTER_TAG + name, "shared");
        tags.put("SubnetType", s.role().kopsType().orElseThrow());
        if (s.role().publicFacing()) {
            tags.put("kubernetes.io/role/elb", "1");
        }
        // kOps tags public subnets for internal load balancers too when there are no private ones
        if (s.role() == Role.PRIVATE || (s.role() == Role.PUBLIC && c.layout().topology() == Topology.PUBLIC)) {
            tags.put("kubernetes.io/role/internal-elb", "1");
        }
        return tags;
    }

    private static Finding missingTags(CheckContext c, ClusterSubnet s, Map<String, String> missing) {
        String list = String.join(", ", missing.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList());
        String why = "Services of type LoadBalancer find their subnets by kubernetes.io/role/elb (internet-facing) and"
                + " kubernetes.io/role/internal-elb (internal) and the cluster tag; without them the load balancer is not created";
        List<String> commands = List.of(c.aws().createTags(s.id(), missing));
        if (c.request().tagsManagedOutside()) {
            return Finding.warning(ID, s.id(), "missing or different tags: " + list, why + "; with --disable-subnet-tags kOps adds none itself",
                    "add them:", commands);
        }
        return new Finding(Severity.NOTE, ID, s.id(), "kOps will add tags: " + list, why + "; kOps adds them on kops update cluster"
                + " (not with --disable-subnet-tags, and not if the admin who runs kOps may not tag this subnet)", "to add them beforehand:", commands);
    }

    private static List<Finding> otherClusters(ClusterSubnet s, String name) {
        List<Finding> out = new ArrayList<>();
        s.subnet().tags().forEach((k, v) -> {
            if (k.startsWith(CLUSTER_TAG) && !k.equals(CLUSTER_TAG + name)) {
                String other = k.substring(CLUSTER_TAG.length());
                if ("owned".equals(v)) {
                    out.add(Finding.warning(ID, s.id(), "owned by another cluster, " + other,
                            "deleting " + other + " deletes this subnet, under this cluster too", "ask who runs " + other
                                    + "; a subnet clusters share must be tagged shared by each", List.of()));
                } else {
                    out.add(Finding.note(ID, s.id(), "also used by the cluster " + other,
                            "clusters can share subnets; their load balancers and addresses then come from the same pool"));
                }
            }
        });
        return out;
    }
}
