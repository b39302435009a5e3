package dev.ferry.image.fake;

import static dev.ferry.image.fake.Ec2Query.el;
import static dev.ferry.image.fake.Ec2Query.tagSet;

import java.util.List;
import java.util.Map;

/** The XML items of the fake's VPC Describe* answers, in the element names of the EC2 API (2016-11-15). */
final class FakeVpcsXml {
    private FakeVpcsXml() {}

    static String vpc(FakeVpcs.Vpc v) {
        StringBuilder sb = new StringBuilder("<item>").append(el("vpcId", v.id)).append(el("ownerId", FakeEc2.ACCOUNT))
                .append(el("state", v.state)).append(el("cidrBlock", v.blocks.get(0).cidr)).append("<cidrBlockAssociationSet>");
        for (FakeVpcs.Block b : v.blocks) {
            sb.append("<item>").append(el("associationId", b.associationId)).append(el("cidrBlock", b.cidr))
              .append("<cidrBlockState>").append(el("state", b.state)).append("</cidrBlockState></item>");
        }
        return sb.append("</cidrBlockAssociationSet>").append(el("dhcpOptionsId", "dopt-0fake")).append(el("instanceTenancy", "default"))
                .append(el("isDefault", false)).append(tagSet(v.tags)).append("</item>").toString();
    }

    static String subnet(FakeVpcs fake, FakeVpcs.Subnet s) {
        String zoneId = fake.zones.stream().filter(z -> z.name().equals(s.zone)).map(FakeVpcs.Zone::id).findFirst().orElse("");
        return "<item>" + el("subnetId", s.id) + el("state", s.state) + el("ownerId", FakeEc2.ACCOUNT) + el("vpcId", s.vpcId)
                + (s.cidr == null ? "" : el("cidrBlock", s.cidr)) + el("availableIpAddressCount", s.availableIps) + el("availabilityZone", s.zone)
                + el("availabilityZoneId", zoneId) + el("defaultForAz", false) + el("mapPublicIpOnLaunch", s.mapPublicIp)
                + el("assignIpv6AddressOnCreation", false) + "<ipv6CidrBlockAssociationSet/>" + tagSet(s.tags) + "</item>";
    }

    static String routeTables(FakeVpcs fake, Ec2Query q, int pageSize) {
        List<String> ids = q.list("RouteTableId");
        Map<String, List<String>> filters = q.filters("vpc-id", "route-table-id", "association.subnet-id", "association.main");
        List<String> items = fake.routeTables.values().stream()
                .filter(t -> ids.isEmpty() || ids.contains(t.id))
                .filter(t -> FakeVpcs.matches(filters, "vpc-id", t.vpcId) && FakeVpcs.matches(filters, "route-table-id", t.id))
                .map(FakeVpcsXml::routeTable).toList();
        return q.page("DescribeRouteTables", "routeTableSet", items, pageSize);
    }

    private static String routeTable(FakeVpcs.RouteTable t) {
        StringBuilder sb = new StringBuilder("<item>").append(el("routeTableId", t.id)).append(el("vpcId", t.vpcId))
                .append(el("ownerId", FakeEc2.ACCOUNT)).append("<routeSet>");
        for (FakeVpcs.Route r : t.routes) {
            sb.append("<item>").append(el("destinationCidrBlock", r.destination)).append(el(r.targetElement, r.target));
            if (r.targetElement.equals("instanceId")) {
                sb.append(el("instanceOwnerId", FakeEc2.ACCOUNT)).append(el("networkInterfaceId", "eni-0fa" + r.target.substring(5)));
            }
            sb.append(el("state", r.state)).append(el("origin", r.target.equals("local") ? "CreateRouteTable" : "CreateRoute")).append("</item>");
        }
        sb.append("</routeSet><associationSet>");
        if (t.main) {
            sb.append("<item>").append(el("routeTableAssociationId", t.mainAssociationId)).append(el("routeTableId", t.id))
              .append(el("main", true)).append("<associationState>").append(el("state", "associated")).append("</associationState></item>");
        }
        t.associations.forEach((subnet, association) -> sb.append("<item>").append(el("routeTableAssociationId", association))
                .append(el("routeTableId", t.id)).append(el("subnetId", subnet)).append(el("main", false))
                .append("<associationState>").append(el("state", "associated")).append("</associationState></item>"));
        return sb.append("</associationSet><propagatingVgwSet/><tagSet/></item>").toString();
    }

    static String natGateways(FakeVpcs fake, Ec2Query q, int pageSize) {
        List<String> ids = q.list("NatGatewayId");
        Map<String, List<String>> filters = q.filters("vpc-id", "subnet-id", "state", "nat-gateway-id");
        List<String> items = fake.natGateways.values().stream()
                .filter(n -> ids.isEmpty() || ids.contains(n.id))
                .filter(n -> FakeVpcs.matches(filters, "vpc-id", n.vpcId) && FakeVpcs.matches(filters, "subnet-id", n.subnetId)
                        && FakeVpcs.matches(filters, "state", n.state))
                .map(n -> "<item>" + el("natGatewayId", n.id) + el("vpcId", n.vpcId) + el("subnetId", n.subnetId) + el("state", n.state)
                        + el("connectivityType", n.connectivityType) + el("createTime", "2026-01-01T00:00:00.000Z")
                        + "<natGatewayAddressSet><item>" + el("allocationId", "eipalloc-0fake") + el("networkInterfaceId", "eni-0fake")
                        + el("privateIp", "10.0.0.5") + (n.connectivityType.equals("public") ? el("publicIp", "52.80.0.5") : "")
                        + el("isPrimary", true) + el("status", "succeeded") + "</item></natGatewayAddressSet><tagSet/></item>")
                .toList();
        return q.page("DescribeNatGateways", "natGatewaySet", items, pageSize);
    }

    static String internetGateways(FakeVpcs fake, Ec2Query q, int pageSize) {
        List<String> ids = q.list("InternetGatewayId");
        Map<String, List<String>> filters = q.filters("attachment.vpc-id", "attachment.state", "internet-gateway-id");
        List<String> items = fake.internetGateways.values().stream()
                .filter(g -> ids.isEmpty() || ids.contains(g.id))
                .filter(g -> FakeVpcs.matches(filters, "attachment.vpc-id", g.vpcId) && FakeVpcs.matches(filters, "internet-gateway-id", g.id))
                .map(g -> "<item>" + el("internetGatewayId", g.id) + el("ownerId", FakeEc2.ACCOUNT) + "<attachmentSet><item>"
                        + el("vpcId", g.vpcId) + el("state", g.attachmentState) + "</item></attachmentSet><tagSet/></item>")
                .toList();
        return q.page("DescribeInternetGateways", "internetGatewaySet", items, pageSize);
    }

    static String instances(FakeVpcs fake, Ec2Query q, int pageSize) {
        List<String> ids = q.list("InstanceId");
        List<String> items = ids.stream().map(fake.natInstances::get).map(i -> "<item>" + el("reservationId", "r-0fa" + i.id.substring(5))
                + el("ownerId", FakeEc2.ACCOUNT) + "<groupSet/><instancesSet><item>" + el("instanceId", i.id) + el("imageId", "ami-0fakenat")
                + "<instanceState>" + el("code", i.state.equals("running") ? 16 : 80) + el("name", i.state) + "</instanceState>"
                + el("privateIpAddress", "10.0.100.10") + (i.publicIp.isEmpty() ? "" : el("ipAddress", i.publicIp))
                + el("subnetId", i.subnetId) + el("vpcId", i.vpcId) + el("sourceDestCheck", i.sourceDestCheck)
                + "<placement>" + el("availabilityZone", fake.subnets.containsKey(i.subnetId) ? fake.subnets.get(i.subnetId).zone : "")
                + "</placement><tagSet/></item></instancesSet></item>").toList();
        return q.page("DescribeInstances", "reservationSet", items, pageSize);
    }

    static String zones(FakeVpcs fake, String region) {
        StringBuilder sb = new StringBuilder("<availabilityZoneInfo>");
        for (FakeVpcs.Zone z : fake.zones) {
            if (z.region().equals(region)) {
                sb.append("<item>").append(el("zoneName", z.name())).append(el("zoneId", z.id())).append(el("zoneState", z.state()))
                  .append(el("regionName", region)).append(el("zoneType", z.type())).append(el("optInStatus", "opt-in-not-required"))
                  .append("<messageSet/></item>");
            }
        }
        return sb.append("</availabilityZoneInfo>").toString();
    }
}
