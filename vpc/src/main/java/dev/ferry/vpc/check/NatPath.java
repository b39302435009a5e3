package dev.ferry.vpc.check;

import dev.ferry.vpc.model.Instance;
import dev.ferry.vpc.model.NatGateway;
import dev.ferry.vpc.model.Subnet;
import dev.ferry.vpc.route.DefaultRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Whether the NAT gateway or NAT instance a private subnet routes to can carry its traffic out. */
final class NatPath {
    private NatPath() {}

    static List<Finding> natGateway(CheckContext c, ClusterSubnet s, String id) {
        List<Finding> out = new ArrayList<>();
        Optional<NatGateway> found = c.vpc().natGateway(id);
        if (found.isEmpty()) {
            out.add(Finding.error(EgressCheck.ID, s.id(), "0.0.0.0/0 goes to " + id + ", which is not a NAT gateway of " + c.vpcId(),
                    "nodes reach the mirror, S3 and the EC2 API through that NAT", "point the default route at a NAT gateway of this VPC", List.of()));
            return out;
        }
        NatGateway nat = found.get();
        if (nat.state().equals("pending")) {
            out.add(Finding.warning(EgressCheck.ID, s.id(), "its NAT gateway " + id + " is still pending", "it carries no traffic until available",
                    "wait a few minutes and run the check again", List.of()));
        } else if (!nat.available()) {
            out.add(Finding.error(EgressCheck.ID, s.id(), "its NAT gateway " + id + " is " + nat.state(),
                    "nodes here reach nothing outside the VPC: no mirror, no S3, no EC2 API, so nodeup and the VPC CNI fail",
                    "point the default route at an available NAT gateway" + RouteFixes.sharedTableCaution(c, s), List.of()));
            return out;
        }
        if (nat.privateConnectivity()) {
            out.add(Finding.note(EgressCheck.ID, s.id(), "its NAT gateway " + id + " is a private NAT gateway",
                    "a private NAT gateway reaches other networks (transit gateway, VPN) but not the internet: that path must reach the mirror and"
                            + " the AWS endpoints, or VPC endpoints must serve them"));
        } else {
            DefaultRoute natRoute = c.routing().defaultRoute(nat.subnetId());
            if (!(natRoute instanceof DefaultRoute.ToInternetGateway)) {
                List<String> fix = c.vpc().internetGateways().stream().findFirst()
                        .map(g -> List.of(RouteFixes.pointDefaultRoute(c, natRoute, "--gateway-id", g.id()))).orElse(List.of());
                out.add(Finding.error(EgressCheck.ID, nat.id(), "the NAT gateway sits in " + nat.subnetId() + ", whose default route is "
                        + natRoute.describe() + ", not an internet gateway",
                        "a public NAT gateway sends traffic out through its own subnet's internet gateway route; without it traffic from "
                                + s.id() + " stops at the NAT", "route " + nat.subnetId() + "'s 0.0.0.0/0 to the VPC's internet gateway"
                                + (fix.isEmpty() ? " (the VPC has none: create and attach one first)" : ":"), fix));
            }
        }
        sameZone(c, s, nat.subnetId(), "NAT gateway " + id).ifPresent(out::add);
        return out;
    }

    static List<Finding> natInstance(CheckContext c, ClusterSubnet s, String id) {
        List<Finding> out = new ArrayList<>();
        Optional<Instance> found = c.vpc().natInstances().getOrDefault(id, Optional.empty());
        if (found.isEmpty()) {
            out.add(Finding.error(EgressCheck.ID, s.id(), "0.0.0.0/0 goes to the instance " + id + ", which EC2 does not know",
                    "nodes reach the mirror, S3 and the EC2 API through that NAT instance", "point the default route at a NAT that exists", List.of()));
            return out;
        }
        Instance nat = found.get();
        if (!nat.running()) {
            out.add(Finding.error(EgressCheck.ID, id, "the NAT instance for " + s.id() + " is " + nat.state(),
                    "a stopped NAT instance forwards nothing: nodes reach no mirror, S3 or EC2 API", "start it:",
                    List.of(c.aws().ec2("start-instances", "--instance-ids", id))));
        }
        if (nat.sourceDestCheck()) {
            out.add(Finding.error(EgressCheck.ID, id, "the NAT instance for " + s.id() + " has source/destination checking on",
                    "EC2 drops packets an instance forwards for other hosts unless the check is off, so nothing gets through this NAT",
                    "turn the check off:", List.of(c.aws().ec2("modify-instance-attribute", "--instance-id", id, "--no-source-dest-check"))));
        }
        DefaultRoute natRoute = c.routing().defaultRoute(nat.subnetId());
        if (nat.publicIp().isEmpty() || !(natRoute instanceof DefaultRoute.ToInternetGateway)) {
            out.add(Finding.warning(EgressCheck.ID, id, "the NAT instance " + (nat.publicIp().isEmpty() ? "has no public IP" : "has a public IP")
                    + " and its subnet " + nat.subnetId() + " routes 0.0.0.0/0 to " + natRoute.describe(),
                    "to reach the internet a NAT instance needs a public (or Elastic) IP and an internet gateway route, unless it forwards on"
                            + " to a proxy or another network on purpose", "check the NAT instance's own path out", List.of()));
        }
        sameZone(c, s, nat.subnetId(), "NAT instance " + id).ifPresent(out::add);
        return out;
    }

    private static Optional<Finding> sameZone(CheckContext c, ClusterSubnet s, String natSubnet, String what) {
        Optional<String> zone = c.vpc().subnet(natSubnet).map(Subnet::zone);
        if (zone.isEmpty() || zone.get().equals(s.zone())) {
            return Optional.empty();
        }
        return Optional.of(Finding.warning(EgressCheck.ID, s.id(), "its " + what + " is in " + zone.get() + ", the subnet in " + s.zone(),
                "traffic crosses zones (charged per GB) and an outage of " + zone.get() + " cuts " + s.zone() + " off too",
                "give each zone its own NAT in a public subnet of that zone", List.of()));
    }
}
