package dev.ferry.vpc.read;

import dev.ferry.vpc.model.CidrBlock;
import dev.ferry.vpc.model.Instance;
import dev.ferry.vpc.model.InternetGateway;
import dev.ferry.vpc.model.NatGateway;
import dev.ferry.vpc.model.Route;
import dev.ferry.vpc.model.RouteTable;
import dev.ferry.vpc.model.Subnet;
import dev.ferry.vpc.model.Zone;
import dev.ferry.vpc.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ec2.model.AvailabilityZone;
import software.amazon.awssdk.services.ec2.model.RouteTableAssociation;
import software.amazon.awssdk.services.ec2.model.Tag;

/** SDK shapes to Ferry's model: EC2's optional fields become plain values, absent lists become empty. */
final class Shapes {
    private Shapes() {}

    static List<CidrBlock> cidrBlocks(software.amazon.awssdk.services.ec2.model.Vpc v) {
        List<CidrBlock> blocks = new ArrayList<>();
        String primary = v.cidrBlock();
        for (var a : v.cidrBlockAssociationSet()) {
            String state = a.cidrBlockState() == null ? "" : a.cidrBlockState().stateAsString();
            blocks.add(new CidrBlock(Ipv4Cidr.parse(a.cidrBlock(), "EC2 CIDR block"), state, a.cidrBlock().equals(primary)));
        }
        if (blocks.stream().noneMatch(CidrBlock::primary) && primary != null) {
            blocks.add(0, new CidrBlock(Ipv4Cidr.parse(primary, "EC2 CIDR block"), CidrBlock.ASSOCIATED, true));
        }
        blocks.sort((a, b) -> Boolean.compare(b.primary(), a.primary()));
        return blocks;
    }

    /** Whether the subnet has an IPv4 block at all (IPv6-only subnets have none). */
    static boolean hasIpv4(software.amazon.awssdk.services.ec2.model.Subnet s) {
        return s.cidrBlock() != null && !s.cidrBlock().isEmpty();
    }

    static Subnet subnet(software.amazon.awssdk.services.ec2.model.Subnet s) {
        return new Subnet(s.subnetId(), s.vpcId(), nonNull(s.availabilityZone()), nonNull(s.availabilityZoneId()),
                Ipv4Cidr.parse(s.cidrBlock(), "EC2 subnet CIDR"), s.availableIpAddressCount() == null ? 0 : s.availableIpAddressCount(),
                Boolean.TRUE.equals(s.mapPublicIpOnLaunch()), nonNull(s.stateAsString()), tags(s.tags()));
    }

    static RouteTable routeTable(software.amazon.awssdk.services.ec2.model.RouteTable t) {
        Map<String, String> subnets = new LinkedHashMap<>();
        boolean main = false;
        for (RouteTableAssociation a : t.associations()) {
            main |= Boolean.TRUE.equals(a.main());
            if (a.subnetId() != null) {
                subnets.put(a.subnetId(), nonNull(a.routeTableAssociationId()));
            }
        }
        return new RouteTable(t.routeTableId(), t.routes().stream().map(Shapes::route).toList(), subnets, main);
    }

    static Route route(software.amazon.awssdk.services.ec2.model.Route r) {
        String destination = r.destinationCidrBlock() != null ? r.destinationCidrBlock()
                : r.destinationPrefixListId() != null ? r.destinationPrefixListId() : nonNull(r.destinationIpv6CidrBlock());
        return new Route(destination, target(r), nonNull(r.stateAsString()));
    }

    private static Route.Target target(software.amazon.awssdk.services.ec2.model.Route r) {
        // an instance route also names the instance's interface: the instance is what the user knows
        if (r.natGatewayId() != null) {
            return new Route.Target(Route.Kind.NAT_GATEWAY, r.natGatewayId());
        } else if (r.instanceId() != null) {
            return new Route.Target(Route.Kind.INSTANCE, r.instanceId());
        } else if ("local".equals(r.gatewayId())) {
            return new Route.Target(Route.Kind.LOCAL, "local");
        } else if (r.gatewayId() != null) {
            return new Route.Target(Route.Kind.GATEWAY, r.gatewayId());
        } else if (r.transitGatewayId() != null) {
            return new Route.Target(Route.Kind.TRANSIT_GATEWAY, r.transitGatewayId());
        } else if (r.vpcPeeringConnectionId() != null) {
            return new Route.Target(Route.Kind.VPC_PEERING, r.vpcPeeringConnectionId());
        } else if (r.networkInterfaceId() != null) {
            return new Route.Target(Route.Kind.NETWORK_INTERFACE, r.networkInterfaceId());
        } else if (r.localGatewayId() != null) {
            return new Route.Target(Route.Kind.LOCAL_GATEWAY, r.localGatewayId());
        } else if (r.carrierGatewayId() != null) {
            return new Route.Target(Route.Kind.CARRIER_GATEWAY, r.carrierGatewayId());
        } else if (r.egressOnlyInternetGatewayId() != null) {
            return new Route.Target(Route.Kind.EGRESS_ONLY_GATEWAY, r.egressOnlyInternetGatewayId());
        } else if (r.coreNetworkArn() != null) {
            return new Route.Target(Route.Kind.CORE_NETWORK, r.coreNetworkArn());
        }
        return new Route.Target(Route.Kind.UNKNOWN, "");
    }

    static NatGateway natGateway(software.amazon.awssdk.services.ec2.model.NatGateway n) {
        return new NatGateway(n.natGatewayId(), nonNull(n.vpcId()), nonNull(n.subnetId()), nonNull(n.stateAsString()),
                n.connectivityTypeAsString() == null ? "public" : n.connectivityTypeAsString());
    }

    static InternetGateway internetGateway(software.amazon.awssdk.services.ec2.model.InternetGateway g, String vpcId) {
        String state = g.attachments().stream().filter(a -> vpcId.equals(a.vpcId())).map(a -> a.stateAsString()).findFirst().orElse("");
        return new InternetGateway(g.internetGatewayId(), nonNull(state));
    }

    static Instance instance(software.amazon.awssdk.services.ec2.model.Instance i) {
        return new Instance(i.instanceId(), i.state() == null ? "" : i.state().nameAsString(), nonNull(i.vpcId()), nonNull(i.subnetId()),
                !Boolean.FALSE.equals(i.sourceDestCheck()), Optional.ofNullable(i.publicIpAddress()));
    }

    static Zone zone(AvailabilityZone z) {
        return new Zone(z.zoneName(), nonNull(z.zoneId()), nonNull(z.stateAsString()), z.zoneType() == null ? "availability-zone" : z.zoneType());
    }

    static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> m = new LinkedHashMap<>();
        for (Tag t : tags) {
            m.put(t.key(), t.value() == null ? "" : t.value());
        }
        return m;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }
}
