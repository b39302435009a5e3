package dev.ferry.vpc.read;

import dev.ferry.aws.AwsRegion;
import dev.ferry.aws.Ec2Call;
import dev.ferry.vpc.model.Instance;
import dev.ferry.vpc.model.Route;
import dev.ferry.vpc.model.RouteTable;
import dev.ferry.vpc.model.Subnet;
import dev.ferry.vpc.model.Vpc;
import dev.ferry.vpc.model.VpcSnapshot;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.endpoints.Ec2EndpointProvider;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.VpcAttributeName;

/**
 * Reads one VPC and what hangs off it with Describe* calls only, following EC2's {@code NextToken} pages, into a
 * {@link VpcSnapshot}. Nothing here changes anything in the account.
 */
public final class VpcReader {
    private final Ec2Client ec2;
    private final AwsRegion region;
    private final Ec2Call call;
    private final Consumer<String> progress;

    /** {@code progress} hears one line per read ("12 subnets (DescribeSubnets)"). */
    public VpcReader(Ec2Client ec2, AwsRegion region, Consumer<String> progress) {
        this.ec2 = ec2;
        this.region = region;
        this.call = new Ec2Call(region, "the check needs only ec2:Describe* (docs/existing-vpc.md)", code -> Optional.empty());
        this.progress = progress;
    }

    /**
     * Where EC2 answers for {@code client}: its endpoint override (a VPC interface endpoint, a test server), else the
     * region's endpoint as the SDK's own rules resolve it ({@code https://ec2.cn-north-1.amazonaws.com.cn} in aws-cn).
     */
    public static String endpoint(Ec2Client client, AwsRegion region) {
        return client.serviceClientConfiguration().endpointOverride().map(Object::toString).orElseGet(() -> Ec2EndpointProvider.defaultProvider()
                .resolveEndpoint(b -> b.region(region.sdk())).join().url().toString());
    }

    /** The VPC, its subnets, route tables and gateways, the NAT instances its routes use, and the region's zones. */
    public VpcSnapshot read(String vpcId, Collection<String> namedSubnets) {
        Vpc vpc = vpc(vpcId);
        Filter inVpc = Filter.builder().name("vpc-id").values(vpcId).build();
        var all = call.run("DescribeSubnets", () -> ec2.describeSubnetsPaginator(r -> r.filters(inVpc)).subnets().stream().toList());
        List<Subnet> subnets = all.stream().filter(Shapes::hasIpv4).map(Shapes::subnet).toList();
        List<String> ipv6Only = all.stream().filter(s -> !Shapes.hasIpv4(s)).map(s -> s.subnetId()).toList();
        progress.accept(all.size() + " subnet(s) (DescribeSubnets)");
        Set<String> own = new LinkedHashSet<>(ipv6Only);
        subnets.forEach(s -> own.add(s.id()));
        Map<String, Optional<Subnet>> elsewhere = elsewhere(own, namedSubnets);
        List<RouteTable> tables = call.run("DescribeRouteTables",
                () -> ec2.describeRouteTablesPaginator(r -> r.filters(inVpc)).routeTables().stream().map(Shapes::routeTable).toList());
        progress.accept(tables.size() + " route table(s) (DescribeRouteTables)");
        var nats = call.run("DescribeNatGateways",
                () -> ec2.describeNatGatewaysPaginator(r -> r.filter(inVpc)).natGateways().stream().map(Shapes::natGateway).toList());
        progress.accept(nats.size() + " NAT gateway(s) (DescribeNatGateways)");
        Filter attached = Filter.builder().name("attachment.vpc-id").values(vpcId).build();
        var igws = call.run("DescribeInternetGateways", () -> ec2.describeInternetGatewaysPaginator(r -> r.filters(attached))
                .internetGateways().stream().map(g -> Shapes.internetGateway(g, vpcId)).toList());
        progress.accept(igws.size() + " internet gateway(s) (DescribeInternetGateways)");
        Map<String, Optional<Instance>> instances = natInstances(tables);
        var zones = call.run("DescribeAvailabilityZones",
                () -> ec2.describeAvailabilityZones().availabilityZones().stream().map(Shapes::zone).toList());
        progress.accept(zones.size() + " zone(s) in " + region + " (DescribeAvailabilityZones)");
        return new VpcSnapshot(region, vpc, subnets, ipv6Only, elsewhere, tables, nats, igws, instances, zones);
    }

    private Vpc vpc(String vpcId) {
        var found = call.runUnless("DescribeVpcs", "InvalidVpcID.NotFound",
                () -> ec2.describeVpcsPaginator(r -> r.vpcIds(vpcId)).vpcs().stream().toList());
        var v = found.flatMap(list -> list.stream().findFirst()).orElseThrow(() -> new NoSuchVpc(vpcId, region));
        boolean hostnames = attribute(vpcId, VpcAttributeName.ENABLE_DNS_HOSTNAMES);
        boolean support = attribute(vpcId, VpcAttributeName.ENABLE_DNS_SUPPORT);
        progress.accept("VPC " + vpcId + " (DescribeVpcs, DescribeVpcAttribute)");
        return new Vpc(v.vpcId(), v.ownerId() == null ? "" : v.ownerId(), v.stateAsString() == null ? "" : v.stateAsString(),
                Shapes.cidrBlocks(v), Shapes.tags(v.tags()), hostnames, support);
    }

    private boolean attribute(String vpcId, VpcAttributeName name) {
        var r = call.run("DescribeVpcAttribute", () -> ec2.describeVpcAttribute(b -> b.vpcId(vpcId).attribute(name)));
        var value = name == VpcAttributeName.ENABLE_DNS_HOSTNAMES ? r.enableDnsHostnames() : r.enableDnsSupport();
        return value != null && Boolean.TRUE.equals(value.value());
    }

    /** Named subnets that are not the VPC's own, looked up one by one so that one missing ID does not hide the others. */
    private Map<String, Optional<Subnet>> elsewhere(Set<String> own, Collection<String> named) {
        Map<String, Optional<Subnet>> out = new LinkedHashMap<>();
        for (String id : new LinkedHashSet<>(named)) {
            if (!own.contains(id)) {
                out.put(id, call.runUnless("DescribeSubnets", "InvalidSubnetID.NotFound",
                        () -> ec2.describeSubnetsPaginator(r -> r.subnetIds(id)).subnets().stream().filter(Shapes::hasIpv4).map(Shapes::subnet)
                                .findFirst())
                        .flatMap(o -> o));
            }
        }
        return out;
    }

    /** The instances that default routes send traffic to (NAT instances), one call each for the same reason. */
    private Map<String, Optional<Instance>> natInstances(List<RouteTable> tables) {
        Set<String> ids = new LinkedHashSet<>();
        for (RouteTable t : tables) {
            t.defaultRoute().filter(r -> r.target().kind() == Route.Kind.INSTANCE).ifPresent(r -> ids.add(r.target().id()));
        }
        Map<String, Optional<Instance>> out = new LinkedHashMap<>();
        for (String id : ids) {
            out.put(id, call.runUnless("DescribeInstances", "InvalidInstanceID.NotFound",
                    () -> ec2.describeInstancesPaginator(r -> r.instanceIds(id)).reservations().stream()
                            .flatMap(res -> res.instances().stream()).map(Shapes::instance).findFirst()).flatMap(o -> o));
        }
        if (!ids.isEmpty()) {
            progress.accept(ids.size() + " NAT instance(s) (DescribeInstances)");
        }
        return out;
    }
}
