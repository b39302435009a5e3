package dev.ferry.vpc.kops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The part of a kOps cluster spec ({@code kops edit cluster}, API kops.k8s.io/v1alpha2) that says which existing
 * VPC and subnets to use: {@code networkID}, {@code networkCIDR}, {@code additionalNetworkCIDRs} and {@code subnets}.
 *
 * @param additionalNetworkCidrs the VPC's other associated blocks
 * @param subnets                every subnet by ID: kOps takes all subnets by ID or none
 */
public record KopsNetworkSpec(String networkId, String networkCidr, List<String> additionalNetworkCidrs, List<Subnet> subnets) {
    public KopsNetworkSpec {
        additionalNetworkCidrs = List.copyOf(additionalNetworkCidrs);
        subnets = List.copyOf(subnets);
    }

    /**
     * One entry of {@code spec.subnets}.
     *
     * @param type   {@code Public}, {@code Private} or {@code Utility}
     * @param egress {@code nat-…}, {@code i-…} or {@code External}; kOps allows the first two only on Private subnets
     */
    public record Subnet(String id, String name, String type, String zone, String cidr, Optional<String> egress) {}

    /** The fragment as YAML to paste under {@code spec:}, with a header saying where it came from. */
    public String yaml(String generatedBy, String region) {
        StringBuilder sb = new StringBuilder();
        sb.append("# kOps cluster spec for the existing VPC ").append(networkId).append(" in ").append(region)
          .append(", ").append(generatedBy.replaceAll("\\p{Cntrl}", " ")).append(" (ferry vpc check --emit kops).\n")
          .append("# Merge into the spec of: kops edit cluster NAME (kOps keeps the rest of the spec as it is).\n")
          .append("spec:\n")
          .append("  networkID: ").append(networkId).append('\n')
          .append("  networkCIDR: ").append(networkCidr).append('\n');
        if (!additionalNetworkCidrs.isEmpty()) {
            sb.append("  additionalNetworkCIDRs:\n");
            additionalNetworkCidrs.forEach(c -> sb.append("  - ").append(c).append('\n'));
        }
        sb.append(subnets.isEmpty() ? "  # no --subnets given: kOps creates the subnets\n" : "  subnets:\n");
        for (Subnet s : subnets) {
            sb.append("  - id: ").append(s.id()).append('\n')
              .append("    name: ").append(s.name()).append('\n')
              .append("    type: ").append(s.type()).append('\n')
              .append("    zone: ").append(s.zone()).append('\n')
              .append("    cidr: ").append(s.cidr()).append('\n');
            s.egress().ifPresent(e -> sb.append("    egress: ").append(e).append('\n'));
        }
        return sb.toString();
    }

    /** The same as a JSON-ready map, with kOps's field names. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("networkID", networkId);
        m.put("networkCIDR", networkCidr);
        m.put("additionalNetworkCIDRs", additionalNetworkCidrs);
        m.put("subnets", subnets.stream().map(s -> {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("id", s.id());
            j.put("name", s.name());
            j.put("type", s.type());
            j.put("zone", s.zone());
            j.put("cidr", s.cidr());
            s.egress().ifPresent(e -> j.put("egress", e));
            return j;
        }).toList());
        return m;
    }
}
