package dev.ferry.vpc.check;

import dev.ferry.bootstrap.eniconfig.EniConfigs;
import dev.ferry.bootstrap.eniconfig.PodSubnet;
import dev.ferry.error.FerryException;
import dev.ferry.vpc.kops.KopsNetworkSpec;
import dev.ferry.vpc.model.VpcSnapshot;
import dev.ferry.vpc.route.DefaultRoute;
import java.util.List;
import java.util.Optional;

/**
 * The result of a check: what EC2 said, the subnets as the cluster will use them, the findings (errors first),
 * the address plan, and the kOps spec fragment filled from what was found.
 */
public record CheckReport(VpcSnapshot vpc, ClusterLayout layout, List<Finding> findings, Optional<CapacityPlan> capacity) {
    public CheckReport {
        findings = List.copyOf(findings);
    }

    public long count(Severity severity) {
        return findings.stream().filter(f -> f.severity() == severity).count();
    }

    /** No errors: kOps and the VPC CNI will find what they need. */
    public boolean passed() {
        return count(Severity.ERROR) == 0;
    }

    /** {@code networkID}, {@code networkCIDR}, {@code additionalNetworkCIDRs} and the subnets with their types and egress. */
    public KopsNetworkSpec kopsSpec() {
        var v = vpc.vpc();
        String primary = v.primaryBlock().map(b -> b.cidr().toString()).orElse("");
        List<String> additional = v.cidrBlocks().stream().filter(b -> !b.primary() && b.associated()).map(b -> b.cidr().toString()).toList();
        List<KopsNetworkSpec.Subnet> subnets = layout.kopsSubnets().stream().map(s -> new KopsNetworkSpec.Subnet(s.id(), s.kopsName(),
                s.role().kopsType().orElseThrow(), s.zone(), s.subnet().cidr().toString(), egress(s))).toList();
        return new KopsNetworkSpec(v.id(), primary, additional, subnets);
    }

    /** The ENIConfigs for the pod subnets, one per zone named after it, through the {@code bootstrap eniconfig} renderer. */
    public EniConfigs eniConfigs(List<String> securityGroups, boolean prefixDelegation) {
        List<ClusterSubnet> pods = layout.withRole(Role.POD);
        if (pods.isEmpty()) {
            throw FerryException.badInput("no pod subnet of " + vpc.vpc().id() + " to render ENIConfigs for",
                    "name the pod subnets to check (subnets of the VPC, one per zone nodes run in)");
        }
        return new EniConfigs(pods.stream().map(p -> new PodSubnet(p.zone(), p.id())).toList(), securityGroups, prefixDelegation);
    }

    private static Optional<String> egress(ClusterSubnet s) {
        if (s.role() == Role.PRIVATE) {
            return Optional.of(s.route().kopsEgress());
        }
        return s.route() instanceof DefaultRoute.ToInternetGateway ? Optional.empty() : Optional.of("External");
    }
}
