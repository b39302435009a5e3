package dev.ferry.vpc.check;

import static dev.ferry.image.fake.VpcScenario.CLUSTER;
import static dev.ferry.image.fake.VpcScenario.IGW;
import static dev.ferry.image.fake.VpcScenario.NAT_A;
import static dev.ferry.image.fake.VpcScenario.NAT_B;
import static dev.ferry.image.fake.VpcScenario.OTHER;
import static dev.ferry.image.fake.VpcScenario.POD_A;
import static dev.ferry.image.fake.VpcScenario.POD_B;
import static dev.ferry.image.fake.VpcScenario.PRIVATE_A;
import static dev.ferry.image.fake.VpcScenario.PRIVATE_B;
import static dev.ferry.image.fake.VpcScenario.RTB_PRIVATE_B;
import static dev.ferry.image.fake.VpcScenario.RTB_PUBLIC;
import static dev.ferry.image.fake.VpcScenario.UTILITY_A;
import static dev.ferry.image.fake.VpcScenario.UTILITY_B;
import static dev.ferry.image.fake.VpcScenario.VPC;
import static dev.ferry.image.fake.VpcScenario.ZONE_B;
import static dev.ferry.image.fake.VpcScenario.ZONE_D;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.aws.AwsRegion;
import dev.ferry.error.FerryException;
import dev.ferry.image.fake.FakeEc2;
import dev.ferry.image.fake.FakeVpcs;
import dev.ferry.vpc.kops.KopsNetworkSpec;
import dev.ferry.vpc.read.NoSuchVpc;
import dev.ferry.vpc.read.VpcReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** The check against the fake EC2: one healthy VPC, then one broken thing at a time. */
class VpcCheckTest {
    VpcFixture fx;
    FakeVpcs vpcs;

    @BeforeEach
    void setUp() throws Exception {
        fx = new VpcFixture();
        vpcs = fx.ec2.vpcs;
    }

    @AfterEach
    void tearDown() {
        fx.close();
    }

    @Test
    void aVpcBuiltForTheClusterPasses() {
        CheckReport r = fx.run(VpcFixture.request().nodes(10, VpcFixture.m5large(), false));
        assertTrue(r.passed(), r.findings().toString());
        assertEquals(0, r.count(Severity.WARNING), r.findings().toString());
        assertEquals(Topology.PRIVATE, r.layout().topology());

        KopsNetworkSpec spec = r.kopsSpec();
        assertEquals(VPC, spec.networkId());
        assertEquals("10.0.0.0/16", spec.networkCidr());
        assertEquals(List.of("100.64.0.0/16"), spec.additionalNetworkCidrs());
        assertEquals(List.of(
                new KopsNetworkSpec.Subnet(PRIVATE_A, "cn-north-1a", "Private", "cn-north-1a", "10.0.1.0/24", Optional.of(NAT_A)),
                new KopsNetworkSpec.Subnet(PRIVATE_B, "cn-north-1b", "Private", "cn-north-1b", "10.0.2.0/24", Optional.of(NAT_B)),
                new KopsNetworkSpec.Subnet(UTILITY_A, "utility-cn-north-1a", "Utility", "cn-north-1a", "10.0.101.0/24", Optional.empty()),
                new KopsNetworkSpec.Subnet(UTILITY_B, "utility-cn-north-1b", "Utility", "cn-north-1b", "10.0.102.0/24", Optional.empty())),
                spec.subnets());

        CapacityPlan plan = r.capacity().orElseThrow();
        assertEquals(5, plan.nodesPerZone());
        assertEquals(1, plan.nodeSubnetPerNode(), "custom networking: the node subnet gives each node its primary address only");
        assertEquals(20, plan.podSubnetPerNode(), "m5.large, custom networking: max-pods 20 → 18 pod addresses + 2 ENIs");
    }

    @Test
    void readsOnlyAndFollowsEveryPage() {
        vpcs.natInstance("i-0fa00000000000001", VPC, UTILITY_B);
        vpcs.defaultRoute(vpcs.routeTables.get(RTB_PRIVATE_B), "i-0fa00000000000001");
        fx.run(VpcFixture.request().subnets(PRIVATE_A, PRIVATE_B, "subnet-0ffffffffffffffff"));
        List<FakeEc2.Call> calls = fx.ec2.calls();
        for (FakeEc2.Call c : calls) {
            assertTrue(c.action().startsWith("Describe"), "the check called " + c.action());
            assertEquals("cn-north-1", c.region(), "signed for the region asked");
        }
        List<String> actions = calls.stream().map(FakeEc2.Call::action).distinct().toList();
        assertTrue(actions.containsAll(List.of("DescribeVpcs", "DescribeVpcAttribute", "DescribeSubnets", "DescribeRouteTables",
                "DescribeNatGateways", "DescribeInternetGateways", "DescribeInstances", "DescribeAvailabilityZones")), actions.toString());
        // 7 subnets and 4 route tables at 2 per page: the SDK paginators followed NextToken
        assertTrue(fx.ec2.calls("DescribeSubnets").stream().filter(c -> c.get("NextToken") != null).count() >= 3);
        assertTrue(fx.ec2.calls("DescribeRouteTables").stream().anyMatch(c -> c.get("NextToken") != null));
    }

    @Test
    void chinaRegionsResolveToChinaEndpointsAndArnsWithoutFlags() {
        AwsRegion cn = new AwsRegion("cn-northwest-1");
        try (Ec2Client client = Ec2Client.builder().region(cn.sdk()).credentialsProvider(AnonymousCredentialsProvider.create()).build()) {
            assertEquals("https://ec2.cn-northwest-1.amazonaws.com.cn", VpcReader.endpoint(client, cn));
        }
        assertEquals(fx.ec2.endpoint().toString(), VpcReader.endpoint(fx.client, cn), "an endpoint override wins");
        assertEquals("aws-cn", fx.run(VpcFixture.request()).vpc().region().partition());
    }

    @Test
    void dnsHostnamesOffIsAnErrorWithTheCommandThatFixesIt() {
        vpcs.vpcs.get(VPC).dnsHostnames = false;
        CheckReport r = fx.run(VpcFixture.request());
        Finding f = only(r, Severity.ERROR, "dns", VPC);
        assertTrue(f.message().contains("enableDnsHostnames is off"));
        assertTrue(f.why().contains("kOps"));
        assertEquals(List.of("aws ec2 modify-vpc-attribute --region cn-north-1 --vpc-id " + VPC + " --enable-dns-hostnames '{\"Value\":true}'"),
                f.commands());
        assertFalse(r.passed());
    }

    @Test
    void aPrivateSubnetWithoutANatRouteMustSayEgressExternal() {
        vpcs.routeTables.get(RTB_PRIVATE_B).routes.removeIf(x -> x.destination.equals("0.0.0.0/0"));
        CheckReport r = fx.run(VpcFixture.request());
        Finding f = only(r, Severity.WARNING, "egress", PRIVATE_B);
        assertTrue(f.message().contains("no default route: egress External"), f.message());
        assertEquals(List.of("aws ec2 create-route --region cn-north-1 --route-table-id " + RTB_PRIVATE_B
                + " --destination-cidr-block 0.0.0.0/0 --nat-gateway-id " + NAT_B), f.commands(), "the zone's own NAT gateway");
        assertEquals(Optional.of("External"), kopsSubnet(r, PRIVATE_B).egress());
        // the pod subnet of that zone shares the node subnet's table, so custom networking has nothing to add
        assertTrue(r.findings().stream().noneMatch(x -> x.check().equals("custom-networking")), r.findings().toString());
    }

    @Test
    void aNatInstanceIsTheEgressAndItsSourceDestCheckMustBeOff() {
        String nat = "i-0fa00000000000001";
        vpcs.natInstance(nat, VPC, UTILITY_B);
        vpcs.defaultRoute(vpcs.routeTables.get(RTB_PRIVATE_B), nat);
        CheckReport ok = fx.run(VpcFixture.request());
        assertEquals(Optional.of(nat), kopsSubnet(ok, PRIVATE_B).egress());
        assertTrue(ok.passed(), ok.findings().toString());

        vpcs.natInstances.get(nat).sourceDestCheck = true;
        CheckReport r = fx.run(VpcFixture.request());
        Finding f = only(r, Severity.ERROR, "egress", nat);
        assertTrue(f.message().contains("source/destination checking on"));
        assertEquals(List.of("aws ec2 modify-instance-attribute --region cn-north-1 --instance-id " + nat + " --no-source-dest-check"), f.commands());
    }

    @Test
    void aPublicSubnetWithoutAnInternetGatewayRoute() {
        vpcs.defaultRoute(vpcs.routeTables.get(RTB_PUBLIC), "tgw-0fa00000000000001");
        CheckReport r = fx.run(VpcFixture.request());
        Finding utility = only(r, Severity.WARNING, "egress", UTILITY_A);
        assertTrue(utility.message().contains("not an internet gateway"), utility.message());
        assertTrue(utility.fix().contains("also serves " + UTILITY_B), "the table is shared: " + utility.fix());
        assertEquals(List.of("aws ec2 replace-route --region cn-north-1 --route-table-id " + RTB_PUBLIC
                + " --destination-cidr-block 0.0.0.0/0 --gateway-id " + IGW), utility.commands());
        assertEquals(Optional.of("External"), kopsSubnet(r, UTILITY_A).egress());

        // nodes in Public subnets (public topology) without an internet gateway reach nothing: an error
        CheckReport pub = fx.run(new VpcFixture.Request().subnets(UTILITY_A, UTILITY_B).topology(Topology.PUBLIC));
        Finding f = only(pub, Severity.ERROR, "egress", UTILITY_A);
        assertTrue(f.why().contains("Public subnets"), f.why());
    }

    @Test
    void missingTagsAreNotesWhenKopsAddsThemAndWarningsWhenItWillNot() {
        vpcs.subnets.get(UTILITY_A).tags.remove("kubernetes.io/role/elb");
        vpcs.subnets.get(PRIVATE_B).tags.remove("kubernetes.io/cluster/" + CLUSTER);
        CheckReport r = fx.run(VpcFixture.request());
        Finding utility = only(r, Severity.NOTE, "tags", UTILITY_A);
        assertTrue(utility.message().contains("kubernetes.io/role/elb=1"), utility.message());
        assertEquals(List.of("aws ec2 create-tags --region cn-north-1 --resources " + UTILITY_A + " --tags Key=kubernetes.io/role/elb,Value=1"),
                utility.commands());
        assertTrue(r.passed());

        CheckReport outside = fx.run(VpcFixture.request().tagsOutside());
        Finding f = only(outside, Severity.WARNING, "tags", PRIVATE_B);
        assertTrue(f.message().contains("kubernetes.io/cluster/" + CLUSTER + "=shared"), f.message());
        assertTrue(f.why().contains("--disable-subnet-tags"));
    }

    @Test
    void aSubnetOutsideTheVpcBlocksIsAnError() {
        vpcs.subnet("subnet-0fa000000000000fa", VPC, "cn-north-1a", "10.1.0.0/24", 250);
        CheckReport r = fx.run(VpcFixture.request().subnets(PRIVATE_A, "subnet-0fa000000000000fa"));
        Finding f = only(r, Severity.ERROR, "cidr", "subnet-0fa000000000000fa");
        assertTrue(f.message().contains("outside every CIDR block"), f.message());
    }

    @Test
    void aPodSubnetInAnotherZone() {
        String podD = "subnet-0dd000000000000dd";
        vpcs.subnet(podD, VPC, ZONE_D, "100.64.192.0/18", 16000);
        CheckReport r = fx.run(VpcFixture.request().pods(POD_A, podD));
        Finding missing = only(r, Severity.ERROR, "custom-networking", ZONE_B);
        assertTrue(missing.why().contains("ContainerCreating"), missing.why());
        Finding unused = only(r, Severity.WARNING, "custom-networking", podD);
        assertTrue(unused.message().contains("where no node subnet is"), unused.message());
    }

    @Test
    void aSecondaryBlockStillAssociatingIsAnError() {
        vpcs.vpcs.get(VPC).blocks.get(1).state = "associating";
        CheckReport r = fx.run(VpcFixture.request());
        Finding f = only(r, Severity.ERROR, "cidr", POD_A);
        assertTrue(f.message().contains("associating, not associated"), f.message());
        assertTrue(f.why().contains("pods"), f.why());
        assertEquals(List.of(), r.kopsSpec().additionalNetworkCidrs(), "kOps gets only associated blocks");
    }

    @Test
    void tooFewFreeAddressesForTheNodesAsked() {
        // default networking: m5.large takes 27 pod addresses + 3 ENIs = 30; 10 nodes per zone need 300 of 250
        CheckReport r = fx.run(VpcFixture.request().pods().nodes(20, VpcFixture.m5large(), false));
        Finding f = only(r, Severity.ERROR, "capacity", PRIVATE_A);
        assertTrue(f.message().contains("take 300 addresses"), f.message());
        assertTrue(f.message().contains("250 are free"), f.message());
        assertEquals(8, r.capacity().orElseThrow().zones().get(0).roomForNodes());

        // custom networking moves the pods to the pod subnets: the same nodes fit
        assertTrue(fx.run(VpcFixture.request().nodes(20, VpcFixture.m5large(), false)).passed());
        vpcs.subnets.get(POD_B).availableIps = 150;
        Finding pods = only(fx.run(VpcFixture.request().nodes(20, VpcFixture.m5large(), false)), Severity.ERROR, "capacity", POD_B);
        assertTrue(pods.message().contains("take 200 addresses from the pod subnet"), pods.message());
    }

    @Test
    void namedSubnetsThatAreMissingOrInAnotherVpc() {
        vpcs.vpc("cn-north-1", "vpc-0ffffffffffffffff", "172.31.0.0/16");
        vpcs.subnet("subnet-0fb000000000000fb", "vpc-0ffffffffffffffff", "cn-north-1a", "172.31.0.0/20", 4000);
        CheckReport r = fx.run(VpcFixture.request().pods(POD_A, POD_B, "subnet-0fb000000000000fb", "subnet-0fc000000000000fc"));
        assertTrue(only(r, Severity.ERROR, "subnets", "subnet-0fb000000000000fb").message().contains("in vpc-0ffffffffffffffff"));
        assertTrue(only(r, Severity.ERROR, "subnets", "subnet-0fc000000000000fc").message().contains("no pod subnet"));
        assertEquals(1, fx.ec2.calls("DescribeSubnets").stream().filter(c -> "subnet-0fc000000000000fc".equals(c.get("SubnetId.1"))).count(),
                "asked EC2 by ID, answered InvalidSubnetID.NotFound");
    }

    @Test
    void aRefusedReadSaysWhichPermissionIsMissingAndAThrottledOneIsRetried() {
        fx.ec2.failNext("DescribeRouteTables", 503, "RequestLimitExceeded", "Request limit exceeded.", 1);
        assertTrue(fx.run(VpcFixture.request()).passed(), "retried by the SDK");
        fx.ec2.alwaysFail("DescribeNatGateways", 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
        FerryException e = assertThrows(FerryException.class, () -> fx.run(VpcFixture.request()));
        assertEquals(FerryException.FAILED, e.exitCode());
        assertTrue(e.getMessage().startsWith("EC2 DescribeNatGateways in cn-north-1 failed: UnauthorizedOperation"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("allow ec2:DescribeNatGateways"), e.hint().orElseThrow());
    }

    @Test
    void anUnknownVpcIsBadInput() {
        NoSuchVpc e = assertThrows(NoSuchVpc.class, () -> fx.run(new VpcFixture.Request().vpc("vpc-0fffffffffffffff0")));
        assertEquals("vpc-0fffffffffffffff0", e.vpcId());
        assertEquals("cn-north-1", e.region().name());
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
    }

    @Test
    void aBlackholedNatGatewayIsAnError() {
        vpcs.routeTables.get(RTB_PRIVATE_B).routes.stream().filter(x -> x.destination.equals("0.0.0.0/0")).forEach(x -> x.state = "blackhole");
        CheckReport r = fx.run(VpcFixture.request());
        Finding f = only(r, Severity.ERROR, "egress", PRIVATE_B);
        assertTrue(f.message().contains("blackhole"), f.message());
    }

    @Test
    void privateTopologyNeedsUtilitySubnets() {
        CheckReport r = fx.run(new VpcFixture.Request().subnets(PRIVATE_A, PRIVATE_B));
        assertEquals(Topology.PRIVATE, r.layout().topology());
        assertTrue(only(r, Severity.ERROR, "subnets", VPC).message().contains("no --utility-subnets"));
    }

    @Test
    void plannedCidrsMustFitAndOverlapNothing() {
        CheckReport r = fx.run(new VpcFixture.Request().planned("10.0.32.0/19", "10.0.1.128/25", "10.2.0.0/24"));
        assertTrue(r.findings().stream().noneMatch(f -> f.subject().equals("10.0.32.0/19")), r.findings().toString());
        assertTrue(only(r, Severity.ERROR, "cidr", "10.0.1.128/25").message().contains("overlaps " + PRIVATE_A));
        assertTrue(only(r, Severity.ERROR, "cidr", "10.2.0.0/24").message().contains("not inside an associated CIDR block"));
    }

    @Test
    void ipv6OnlySubnetsAreNoNodeSubnetsAndDoNotUpsetTheRest() {
        vpcs.subnet("subnet-0f6000000000000f6", VPC, "cn-north-1a", null, 0);
        CheckReport ok = fx.run(VpcFixture.request());
        assertTrue(ok.passed(), ok.findings().toString());
        CheckReport r = fx.run(VpcFixture.request().subnets(PRIVATE_A, PRIVATE_B, "subnet-0f6000000000000f6"));
        assertTrue(only(r, Severity.ERROR, "subnets", "subnet-0f6000000000000f6").message().contains("IPv6-only"));
    }

    @Test
    void theUnusedSubnetOnTheMainTableIsNotReported() {
        CheckReport r = fx.run(VpcFixture.request());
        assertTrue(r.findings().stream().noneMatch(f -> f.subject().equals(OTHER)));
        assertTrue(r.layout().get(POD_B).isPresent());
    }

    static Finding only(CheckReport r, Severity severity, String check, String subject) {
        List<Finding> found = r.findings().stream()
                .filter(f -> f.severity() == severity && f.check().equals(check) && f.subject().equals(subject)).toList();
        assertEquals(1, found.size(), "one " + severity + " " + check + " finding about " + subject + " in " + r.findings());
        return found.get(0);
    }

    private static KopsNetworkSpec.Subnet kopsSubnet(CheckReport r, String id) {
        return r.kopsSpec().subnets().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }
}
