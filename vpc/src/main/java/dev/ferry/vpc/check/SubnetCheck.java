package dev.ferry.vpc.check;

import dev.ferry.vpc.model.Subnet;
import dev.ferry.vpc.model.Zone;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The named subnets exist, are in this VPC and available, in usable zones, and fit the topology kOps will build. */
final class SubnetCheck implements Check {
    static final String ID = "subnets";

    @Override
    public List<Finding> check(CheckContext c) {
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, Optional<Subnet>> e : c.vpc().elsewhere().entrySet()) {
            out.add(notInVpc(c, e.getKey(), e.getValue()));
        }
        for (String id : c.request().namedSubnets()) {
            if (c.vpc().ipv6OnlySubnets().contains(id)) {
                out.add(Finding.error(ID, id, "the subnet is IPv6-only: it has no IPv4 block",
                        "kOps with the Amazon VPC CNI in IPv4 mode gives nodes and pods IPv4 addresses from their subnets", "use a subnet with an IPv4 block",
                        List.of()));
            }
        }
        for (ClusterSubnet s : c.layout().subnets()) {
            if (!s.subnet().state().isEmpty() && !s.subnet().state().equals("available")) {
                out.add(Finding.warning(ID, s.id(), "the subnet is " + s.subnet().state() + ", not available",
                        "instances and network interfaces can be placed only in an available subnet", "wait and run the check again", List.of()));
            }
            zone(c, s).ifPresent(out::add);
        }
        out.addAll(topology(c));
        return out;
    }

    private static Finding notInVpc(CheckContext c, String id, Optional<Subnet> found) {
        String role = c.request().podSubnets().contains(id) ? "pod subnet" : "subnet";
        String list = c.aws().ec2("describe-subnets", "--filters", "Name=vpc-id,Values=" + c.vpcId(),
                "--query", "Subnets[].[SubnetId,AvailabilityZone,CidrBlock,Tags[?Key=='Name']|[0].Value]", "--output", "table");
        if (found.isEmpty()) {
            return Finding.error(ID, id, "no " + role + " " + id + " in " + c.vpc().region(),
                    "kOps and the VPC CNI can only use subnets that exist in the cluster's region",
                    "check the ID and " + c.request().names().region() + "; the VPC's subnets are:", List.of(list));
        }
        String why = role.equals("pod subnet")
                ? "the VPC CNI creates pod network interfaces in the node's own VPC; an ENIConfig naming another VPC's subnet fails"
                : "kOps puts every subnet of a cluster in its networkID VPC";
        return Finding.error(ID, id, "the " + role + " is in " + found.get().vpcId() + ", not " + c.vpcId(), why,
                "name subnets of " + c.vpcId() + " instead:", List.of(list));
    }

    private static Optional<Finding> zone(CheckContext c, ClusterSubnet s) {
        Optional<Zone> zone = c.vpc().zone(s.zone());
        if (zone.isPresent() && !zone.get().state().equals("available")) {
            return Optional.of(Finding.warning(ID, s.id(), "its zone " + s.zone() + " is " + zone.get().state(),
                    "instances may fail to launch in an impaired or unavailable zone", "check the AWS Health Dashboard for " + s.zone(), List.of()));
        }
        if (zone.isPresent() && !zone.get().type().equals("availability-zone")) {
            return Optional.of(Finding.note(ID, s.id(), "its zone " + s.zone() + " is a " + zone.get().type(),
                    "Local and Wavelength Zones offer fewer instance types and services than the region's availability zones"));
        }
        return Optional.empty();
    }

    private static List<Finding> topology(CheckContext c) {
        List<Finding> out = new ArrayList<>();
        ClusterLayout l = c.layout();
        if (c.request().nodeSubnets().isEmpty()) {
            out.add(Finding.note(ID, c.vpcId(), "no --subnets given: kOps will create the cluster's subnets in this VPC",
                    "give the CIDRs you plan for them with " + c.request().names().newSubnetCidrs() + " so they are checked against the VPC's blocks and subnets"));
            return out;
        }
        if (l.topology() == Topology.PRIVATE && c.request().utilitySubnets().isEmpty()) {
            out.add(Finding.error(ID, c.vpcId(), "private topology (" + l.topologyReason() + ") but no --utility-subnets",
                    "kOps puts the API load balancer, bastions and internet-facing Services in Utility subnets, and refuses a spec that mixes"
                            + " subnets given by ID with subnets it would create",
                    "give existing public subnets with --utility-subnets (one per zone), or --topology public if these subnets are public", List.of()));
        }
        if (l.topology() == Topology.PRIVATE && !l.withRole(Role.UTILITY).isEmpty()) {
            List<String> utilityZones = l.withRole(Role.UTILITY).stream().map(ClusterSubnet::zone).toList();
            for (String zone : l.nodeZones()) {
                if (!utilityZones.contains(zone)) {
                    out.add(Finding.warning(ID, zone, "node subnets in " + zone + " but no utility subnet there",
                            "a load balancer has a leg only in zones where it has a subnet; unless cross-zone load balancing is on"
                                    + " (spec.api.loadBalancer.crossZoneLoadBalancing), targets in " + zone + " get no traffic from it",
                            "add a utility subnet in " + zone + " to --utility-subnets", List.of()));
                }
            }
        }
        return out;
    }
}
