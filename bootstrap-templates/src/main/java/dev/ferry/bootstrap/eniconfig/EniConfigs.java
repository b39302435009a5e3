package dev.ferry.bootstrap.eniconfig;

import dev.ferry.error.FerryException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Amazon VPC CNI custom networking: one cluster-scoped ENIConfig per availability zone,
 * named after the zone so that {@code ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone} picks it for every
 * node without per-node annotations, and the aws-node environment that turns it on.
 *
 * @param subnets          pod subnets, one per zone
 * @param securityGroups   security groups for the pod ENIs; empty leaves the VPC CNI's default
 * @param prefixDelegation also set {@code ENABLE_PREFIX_DELEGATION=true}
 */
public record EniConfigs(List<PodSubnet> subnets, List<String> securityGroups, boolean prefixDelegation) {
    public static final String API_VERSION = "crd.k8s.amazonaws.com/v1alpha1";
    /** An ENI takes at most 5 security groups unless the account's quota was raised. */
    public static final int MAX_SECURITY_GROUPS = 5;

    public EniConfigs {
        subnets = List.copyOf(subnets);
        securityGroups = List.copyOf(new java.util.LinkedHashSet<>(securityGroups));
        if (subnets.isEmpty()) {
            throw FerryException.badInput("no pod subnet given", "give a pod subnet (ZONE=SUBNET) for every zone your nodes run in");
        }
        Map<String, String> zoneBySubnet = new HashMap<>();
        TreeSet<String> zones = new TreeSet<>();
        TreeSet<String> regions = new TreeSet<>();
        for (PodSubnet s : subnets) {
            if (!zones.add(s.zone())) {
                throw FerryException.badInput("two subnets for " + s.zone(),
                        "an ENIConfig named after a zone holds one subnet; to use several, annotate nodes with k8s.amazonaws.com/eniConfig instead");
            }
            String other = zoneBySubnet.put(s.subnetId(), s.zone());
            if (other != null) {
                throw FerryException.badInput(s.subnetId() + " is given for both " + other + " and " + s.zone(),
                        "a subnet lives in exactly one zone; pods must get a subnet in their node's zone");
            }
            regions.add(s.region());
        }
        if (regions.size() > 1) {
            throw FerryException.badInput("the zones span several regions: " + String.join(", ", regions),
                    "a cluster's pod subnets are in its own VPC, in one region");
        }
        for (String sg : securityGroups) {
            if (!Objects.requireNonNull(sg).matches("sg-([0-9a-f]{8}|[0-9a-f]{17})")) {
                throw FerryException.badInput("'" + sg + "' is not a security group ID", "security group IDs look like sg-0123456789abcdef0");
            }
        }
        if (securityGroups.size() > MAX_SECURITY_GROUPS) {
            throw FerryException.badInput(securityGroups.size() + " security groups given; an ENI takes at most " + MAX_SECURITY_GROUPS,
                    "merge rules into fewer groups");
        }
    }

    /** The aws-node container environment, in the order to set it. */
    public Map<String, String> awsNodeEnv() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "true");
        env.put("ENI_CONFIG_LABEL_DEF", "topology.kubernetes.io/zone");
        if (prefixDelegation) {
            env.put("ENABLE_PREFIX_DELEGATION", "true");
        }
        return env;
    }

    /** The ENIConfigs as one multi-document YAML stream for {@code kubectl apply -f}. */
    public String eniConfigYaml(String generatedBy) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Amazon VPC CNI custom networking: one ENIConfig per availability zone, named after the zone.\n")
          .append("# Rendered by ").append(dev.ferry.format.ControlCharacters.escape(generatedBy)).append(" (ferry bootstrap eniconfig). Apply with: kubectl apply -f FILE\n");
        boolean first = true;
        for (PodSubnet s : subnets) {
            if (!first) {
                sb.append("---\n");
            }
            first = false;
            sb.append("apiVersion: ").append(API_VERSION).append('\n')
              .append("kind: ENIConfig\n")
              .append("metadata:\n")
              .append("  name: ").append(s.zone()).append('\n')
              .append("spec:\n")
              .append("  subnet: ").append(s.subnetId()).append('\n');
            if (!securityGroups.isEmpty()) {
                sb.append("  securityGroups:\n");
                for (String sg : securityGroups) {
                    sb.append("    - ").append(sg).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /**
     * The aws-node environment as a strategic-merge patch: containers and env entries merge by name, so the
     * rest of the DaemonSet is untouched. {@code kubectl -n kube-system patch daemonset aws-node --patch-file FILE}.
     */
    public String awsNodePatchYaml() {
        StringBuilder sb = new StringBuilder();
        sb.append("# aws-node environment for custom networking. Apply with:\n")
          .append("#   kubectl -n kube-system patch daemonset aws-node --patch-file FILE\n")
          .append("spec:\n  template:\n    spec:\n      containers:\n        - name: aws-node\n          env:\n");
        for (Map.Entry<String, String> e : awsNodeEnv().entrySet()) {
            sb.append("            - name: ").append(e.getKey()).append('\n')
              .append("              value: \"").append(e.getValue()).append("\"\n");
        }
        return sb.toString();
    }

    /** The same environment as one {@code kubectl set env} command. */
    public String kubectlSetEnv() {
        List<String> parts = new ArrayList<>(List.of("kubectl", "-n", "kube-system", "set", "env", "daemonset/aws-node"));
        awsNodeEnv().forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(" ", parts);
    }
}
