package dev.ferry.vpc.check;

import dev.ferry.vpc.model.InternetGateway;
import dev.ferry.vpc.model.NatGateway;
import dev.ferry.vpc.route.DefaultRoute;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where each kOps subnet's {@code 0.0.0.0/0} goes: private subnets to a NAT gateway or NAT instance (else kOps must be
 * told {@code egress: External}), public and utility subnets to an internet gateway. kOps creates no route tables
 * for subnets it did not create, so these must be right before it runs.
 */
final class EgressCheck implements Check {
    static final String ID = "egress";

    @Override
    public List<Finding> check(CheckContext c) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSubnet s : c.layout().kopsSubnets()) {
            out.addAll(s.role() == Role.PRIVATE ? privateSubnet(c, s) : publicSubnet(c, s));
        }
        return out;
    }

    private static List<Finding> privateSubnet(CheckContext c, ClusterSubnet s) {
        String why = "nodes pull from the mirror and call S3, EC2 and the other AWS APIs through it";
        DefaultRoute r = s.route();
        if (r instanceof DefaultRoute.ToNatGateway n) {
            return NatPath.natGateway(c, s, n.natGatewayId());
        }
        if (r instanceof DefaultRoute.ToNatInstance i) {
            return NatPath.natInstance(c, s, i.instanceId());
        }
        if (r instanceof DefaultRoute.ToInternetGateway g) {
            return List.of(Finding.error(ID, s.id(), "the private subnet routes 0.0.0.0/0 straight to " + g.internetGatewayId(),
                    "an internet gateway serves only instances with public IPs, which kOps does not give nodes in Private subnets: they would reach nothing outside the VPC",
                    "route it through a NAT gateway" + RouteFixes.sharedTableCaution(c, s)
                            + ", or give it as --utility-subnets, or use --topology public if nodes are meant to be public", natFix(c, s)));
        }
        if (r instanceof DefaultRoute.ToOther o) {
            return List.of(Finding.note(ID, s.id(), "0.0.0.0/0 goes to " + o.describe() + ": egress External",
                    "kOps manages only NAT gateway and NAT instance egress; this path, run by your network team, must reach the mirror and the AWS"
                            + " endpoints (or VPC endpoints serve them)"));
        }
        if (r instanceof DefaultRoute.Blackhole b) {
            return List.of(Finding.error(ID, s.id(), "0.0.0.0/0 is a " + b.describe(), "traffic to a missing target is dropped: " + why,
                    "point it at an available NAT gateway" + RouteFixes.sharedTableCaution(c, s), natFix(c, s)));
        }
        return List.of(Finding.warning(ID, s.id(), "the private subnet has no default route: egress External",
                why + "; without a route out that works only through VPC endpoints (S3 gateway, EC2, ECR, STS, ELB, Auto Scaling) or a proxy",
                "route 0.0.0.0/0 to a NAT gateway in " + s.zone() + RouteFixes.sharedTableCaution(c, s)
                        + ", or keep egress: External if VPC endpoints or a proxy serve the nodes", natFix(c, s)));
    }

    /** Points the default route at an available public NAT gateway in the subnet's zone, if the VPC has one. */
    private static List<String> natFix(CheckContext c, ClusterSubnet s) {
        Optional<NatGateway> nat = c.vpc().natGateways().stream().filter(NatGateway::available).filter(n -> !n.privateConnectivity())
                .filter(n -> c.vpc().subnet(n.subnetId()).map(x -> x.zone().equals(s.zone())).orElse(false)).findFirst();
        return nat.map(n -> List.of(RouteFixes.pointDefaultRoute(c, s.route(), "--nat-gateway-id", n.id()))).orElse(List.of());
    }

    private static List<Finding> publicSubnet(CheckContext c, ClusterSubnet s) {
        if (s.route() instanceof DefaultRoute.ToInternetGateway g) {
            Optional<InternetGateway> igw = c.vpc().internetGateways().stream().filter(i -> i.id().equals(g.internetGatewayId())).findFirst();
            if (igw.isPresent() && !igw.get().attachmentState().isEmpty() && !igw.get().attachmentState().equals("available")) {
                return List.of(Finding.warning(ID, s.id(), "its internet gateway " + g.internetGatewayId() + " is " + igw.get().attachmentState(),
                        "an internet gateway carries traffic only while attached", "wait and run the check again", List.of()));
            }
            return List.of();
        }
        boolean nodes = s.role() == Role.PUBLIC;
        String message = "the " + s.role().words() + "'s default route is " + s.route().describe() + ", not an internet gateway";
        String why = nodes
                ? "nodes in Public subnets get public IPs and reach the mirror, S3 and the AWS APIs through an internet gateway; without one they reach nothing"
                : "kOps puts internet-facing load balancers (the API load balancer unless spec.api.loadBalancer.type is Internal) and bastions here;"
                        + " they answer from the internet only through an internet gateway";
        Optional<InternetGateway> igw = c.vpc().internetGateways().stream().findFirst();
        String fix = igw.isPresent() ? "route 0.0.0.0/0 to " + igw.get().id() + RouteFixes.sharedTableCaution(c, s)
                : c.vpcId() + " has no internet gateway: create and attach one (aws ec2 create-internet-gateway, then attach-internet-gateway"
                        + " --vpc-id " + c.vpcId() + "), then route 0.0.0.0/0 to it";
        List<String> commands = igw.map(i -> List.of(RouteFixes.pointDefaultRoute(c, s.route(), "--gateway-id", i.id()))).orElse(List.of());
        if (!nodes) {
            fix = fix + "; if the cluster serves only inside the network, keep it and set spec.api.loadBalancer.type: Internal";
        }
        return List.of(nodes ? Finding.error(ID, s.id(), message, why, fix, commands) : Finding.warning(ID, s.id(), message, why, fix, commands));
    }
}
