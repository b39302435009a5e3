package dev.ferry.image.fake;

import static dev.ferry.image.fake.Ec2Query.el;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The VPC side of the fake EC2: VPCs with their CIDR blocks and DNS attributes, subnets, route tables, NAT gateways,
 * internet gateways, NAT instances and availability zones, answered in EC2's XML shapes with its error codes
 * ({@code InvalidVpcID.NotFound}, {@code InvalidSubnetID.NotFound}) and {@code NextToken} pages of {@link #pageSize}.
 * The modifying actions the check's fixes name (ModifyVpcAttribute, CreateTags, CreateRoute, …) are served too, so a
 * test can run a printed fix and check again. Tests set resources up through the public fields and methods.
 */
public final class FakeVpcs {
    /** Items per page of every paginated Describe*, so SDK paginators follow NextToken. */
    public volatile int pageSize = 2;

    public static final class Vpc {
        public final String id;
        public final String region;
        public String state = "available";
        public boolean dnsHostnames = true;
        public boolean dnsSupport = true;
        /** The first is the primary block. */
        public final List<Block> blocks = new ArrayList<>();
        public final Map<String, String> tags = new LinkedHashMap<>();

        Vpc(String id, String region) {
            this.id = id;
            this.region = region;
        }
    }

    public static final class Block {
        public final String cidr;
        public final String associationId;
        public String state;

        Block(String cidr, String associationId, String state) {
            this.cidr = cidr;
            this.associationId = associationId;
            this.state = state;
        }
    }

    public static final class Subnet {
        public final String id;
        public String vpcId;
        public final String zone;
        /** Null for an IPv6-only subnet. */
        public final String cidr;
        public long availableIps;
        public boolean mapPublicIp;
        public String state = "available";
        public final Map<String, String> tags = new LinkedHashMap<>();

        Subnet(String id, String vpcId, String zone, String cidr, long availableIps) {
            this.id = id;
            this.vpcId = vpcId;
            this.zone = zone;
            this.cidr = cidr;
            this.availableIps = availableIps;
        }
    }

    /** A route: {@code targetElement} is the XML element naming the target (gatewayId, natGatewayId, instanceId, …). */
    public static final class Route {
        public final String destination;
        public String targetElement;
        public String target;
        public String state = "active";

        Route(String destination, String targetElement, String target) {
            this.destination = destination;
            this.targetElement = targetElement;
            this.target = target;
        }
    }

    public static final class RouteTable {
        public final String id;
        public final String vpcId;
        public final boolean main;
        public final List<Route> routes = new ArrayList<>();
        /** subnet → association ID. */
        public final Map<String, String> associations = new LinkedHashMap<>();
        final String mainAssociationId;

        RouteTable(String id, String vpcId, boolean main, String mainAssociationId) {
            this.id = id;
            this.vpcId = vpcId;
            this.main = main;
            this.mainAssociationId = mainAssociationId;
        }
    }

    public static final class NatGateway {
        public final String id;
        public final String vpcId;
        public final String subnetId;
        public String state = "available";
        public String connectivityType = "public";

        NatGateway(String id, String vpcId, String subnetId) {
            this.id = id;
            this.vpcId = vpcId;
            this.subnetId = subnetId;
        }
    }

    public static final class InternetGateway {
        public final String id;
        public final String vpcId;
        public String attachmentState = "available";

        InternetGateway(String id, String vpcId) {
            this.id = id;
            this.vpcId = vpcId;
        }
    }

    public static final class NatInstance {
        public final String id;
        public final String vpcId;
        public final String subnetId;
        public String state = "running";
        public boolean sourceDestCheck = false;
        public String publicIp = "52.80.0.10";

        NatInstance(String id, String vpcId, String subnetId) {
            this.id = id;
            this.vpcId = vpcId;
            this.subnetId = subnetId;
        }
    }

    /** An availability zone of a region. */
    public record Zone(String region, String name, String id, String state, String type) {}

    public final Map<String, Vpc> vpcs = new LinkedHashMap<>();
    public final Map<String, Subnet> subnets = new LinkedHashMap<>();
    public final Map<String, RouteTable> routeTables = new LinkedHashMap<>();
    public final Map<String, NatGateway> natGateways = new LinkedHashMap<>();
    public final Map<String, InternetGateway> internetGateways = new LinkedHashMap<>();
    public final Map<String, NatInstance> natInstances = new LinkedHashMap<>();
    public final List<Zone> zones = new ArrayList<>();
    private int nextId = 1;

    // ---- test API

    /** A VPC with its primary block (associated), DNS support and hostnames on, and a main route table with the local route. */
    public synchronized Vpc vpc(String region, String id, String cidr) {
        Vpc v = new Vpc(id, region);
        v.blocks.add(new Block(cidr, newId("vpc-cidr-assoc"), "associated"));
        vpcs.put(id, v);
        RouteTable main = new RouteTable(newId("rtb"), id, true, newId("rtbassoc"));
        main.routes.add(new Route(cidr, "gatewayId", "local"));
        routeTables.put(main.id, main);
        return v;
    }

    public synchronized Block block(String vpcId, String cidr, String state) {
        Block b = new Block(cidr, newId("vpc-cidr-assoc"), state);
        vpcs.get(vpcId).blocks.add(b);
        return b;
    }

    public synchronized Subnet subnet(String id, String vpcId, String zone, String cidr, long availableIps) {
        Subnet s = new Subnet(id, vpcId, zone, cidr, availableIps);
        subnets.put(id, s);
        return s;
    }

    /** A route table of {@code vpcId} with the local route of its primary block, associated with {@code subnetIds}. */
    public synchronized RouteTable routeTable(String id, String vpcId, String... subnetIds) {
        RouteTable t = new RouteTable(id, vpcId, false, "");
        t.routes.add(new Route(vpcs.get(vpcId).blocks.get(0).cidr, "gatewayId", "local"));
        for (String s : subnetIds) {
            associate(t, s);
        }
        routeTables.put(id, t);
        return t;
    }

    public synchronized RouteTable mainTable(String vpcId) {
        return routeTables.values().stream().filter(t -> t.main && t.vpcId.equals(vpcId)).findFirst().orElseThrow();
    }

    /** Sets the table's 0.0.0.0/0 route to {@code target} ({@code igw-…}, {@code nat-…}, {@code i-…}, {@code tgw-…}, {@code eni-…}). */
    public synchronized Route defaultRoute(RouteTable t, String target) {
        t.routes.removeIf(r -> r.destination.equals("0.0.0.0/0"));
        Route r = new Route("0.0.0.0/0", targetElement(target), target);
        t.routes.add(r);
        return r;
    }

    public synchronized NatGateway natGateway(String id, String vpcId, String subnetId) {
        NatGateway n = new NatGateway(id, vpcId, subnetId);
        natGateways.put(id, n);
        return n;
    }

    public synchronized InternetGateway internetGateway(String id, String vpcId) {
        InternetGateway g = new InternetGateway(id, vpcId);
        internetGateways.put(id, g);
        return g;
    }

    public synchronized NatInstance natInstance(String id, String vpcId, String subnetId) {
        NatInstance i = new NatInstance(id, vpcId, subnetId);
        natInstances.put(id, i);
        return i;
    }

    public synchronized void zone(String region, String name, String id) {
        zones.add(new Zone(region, name, id, "available", "availability-zone"));
    }

    // ---- dispatch

    /**
     * FakeEc2 asks here first: the answer's inner XML when {@code action} is one this class serves for these
     * parameters, else empty. {@code fault} makes the exception FakeEc2 turns into an EC2 error answer.
     */
    public synchronized Optional<String> answer(String region, String action, Map<String, String> params,
            BiFunction<String, String, RuntimeException> fault) {
        Ec2Query q = new Ec2Query(params, fault);
        return switch (action) {
            case "DescribeVpcs" -> Optional.of(describeVpcs(region, q));
            case "DescribeVpcAttribute" -> Optional.of(describeVpcAttribute(q));
            case "DescribeSubnets" -> subnets.isEmpty() ? Optional.empty() : Optional.of(describeSubnets(region, q));
            case "DescribeRouteTables" -> Optional.of(FakeVpcsXml.routeTables(this, q, pageSize));
            case "DescribeNatGateways" -> Optional.of(FakeVpcsXml.natGateways(this, q, pageSize));
            case "DescribeInternetGateways" -> Optional.of(FakeVpcsXml.internetGateways(this, q, pageSize));
            case "DescribeInstances" -> natInstancesOnly(q.list("InstanceId")) ? Optional.of(FakeVpcsXml.instances(this, q, pageSize)) : Optional.empty();
            case "DescribeAvailabilityZones" -> Optional.of(FakeVpcsXml.zones(this, region));
            default -> FakeVpcsChanges.answer(this, action, q);
        };
    }

    boolean natInstancesOnly(List<String> ids) {
        return !ids.isEmpty() && natInstances.keySet().containsAll(ids);
    }

    private String describeVpcs(String region, Ec2Query q) {
        List<String> ids = q.list("VpcId");
        for (String id : ids) {
            vpc(q, id);
        }
        List<String> items = vpcs.values().stream().filter(v -> v.region.equals(region) && (ids.isEmpty() || ids.contains(v.id)))
                .map(FakeVpcsXml::vpc).toList();
        return q.page("DescribeVpcs", "vpcSet", items, pageSize);
    }

    private String describeVpcAttribute(Ec2Query q) {
        Vpc v = vpc(q, q.get("VpcId"));
        String attribute = q.get("Attribute");
        boolean value = switch (String.valueOf(attribute)) {
            case "enableDnsHostnames" -> v.dnsHostnames;
            case "enableDnsSupport" -> v.dnsSupport;
            default -> throw q.fault("InvalidParameterValue", "Value (" + attribute + ") for parameter attribute is invalid.");
        };
        return el("vpcId", v.id) + "<" + attribute + ">" + el("value", value) + "</" + attribute + ">";
    }

    private String describeSubnets(String region, Ec2Query q) {
        List<String> ids = q.list("SubnetId");
        for (String id : ids) {
            Subnet s = subnets.get(id);
            if (s == null || !vpcs.containsKey(s.vpcId) || !vpcs.get(s.vpcId).region.equals(region)) {
                throw q.fault("InvalidSubnetID.NotFound", "The subnet ID '" + id + "' does not exist");
            }
        }
        Map<String, List<String>> filters = q.filters("vpc-id", "availability-zone", "subnet-id", "state");
        List<String> items = subnets.values().stream()
                .filter(s -> vpcs.containsKey(s.vpcId) && vpcs.get(s.vpcId).region.equals(region))
                .filter(s -> ids.isEmpty() || ids.contains(s.id))
                .filter(s -> matches(filters, "vpc-id", s.vpcId) && matches(filters, "availability-zone", s.zone)
                        && matches(filters, "subnet-id", s.id) && matches(filters, "state", s.state) && tagsMatch(filters, s.tags))
                .map(s -> FakeVpcsXml.subnet(this, s)).toList();
        return q.page("DescribeSubnets", "subnetSet", items, pageSize);
    }

    Vpc vpc(Ec2Query q, String id) {
        Vpc v = vpcs.get(id);
        if (v == null) {
            throw q.fault("InvalidVpcID.NotFound", "The vpc ID '" + id + "' does not exist");
        }
        return v;
    }

    static boolean matches(Map<String, List<String>> filters, String name, String value) {
        return !filters.containsKey(name) || filters.get(name).contains(value);
    }

    static boolean tagsMatch(Map<String, List<String>> filters, Map<String, String> tags) {
        return filters.entrySet().stream().filter(f -> f.getKey().startsWith("tag:"))
                .allMatch(f -> f.getValue().contains(tags.get(f.getKey().substring(4))));
    }

    void associate(RouteTable t, String subnetId) {
        routeTables.values().forEach(other -> other.associations.remove(subnetId));
        t.associations.put(subnetId, newId("rtbassoc"));
    }

    static String targetElement(String target) {
        String prefix = target.substring(0, target.indexOf('-') + 1);
        return switch (prefix) {
            case "nat-" -> "natGatewayId";
            case "i-" -> "instanceId";
            case "tgw-" -> "transitGatewayId";
            case "pcx-" -> "vpcPeeringConnectionId";
            case "eni-" -> "networkInterfaceId";
            default -> "gatewayId";
        };
    }

    String newId(String prefix) {
        return prefix + "-" + String.format("%017x", 0xfa000L + nextId++);
    }
}
