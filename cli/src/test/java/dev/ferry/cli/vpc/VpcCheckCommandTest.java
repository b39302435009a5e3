package dev.ferry.cli.vpc;

import static dev.ferry.image.fake.VpcScenario.CLUSTER;
import static dev.ferry.image.fake.VpcScenario.NAT_A;
import static dev.ferry.image.fake.VpcScenario.POD_A;
import static dev.ferry.image.fake.VpcScenario.POD_B;
import static dev.ferry.image.fake.VpcScenario.PRIVATE_A;
import static dev.ferry.image.fake.VpcScenario.PRIVATE_B;
import static dev.ferry.image.fake.VpcScenario.UTILITY_A;
import static dev.ferry.image.fake.VpcScenario.UTILITY_B;
import static dev.ferry.image.fake.VpcScenario.VPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRun;
import dev.ferry.cli.FakeAwsCredentials;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.image.fake.FakeEc2;
import dev.ferry.image.fake.VpcScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** ferry vpc check end to end: flags, text, JSON, the emitted kOps spec and ENIConfigs, exit codes, against the fake EC2. */
@ExtendWith(FakeAwsCredentials.class)
class VpcCheckCommandTest {
    @TempDir
    Path dir;
    FakeEc2 ec2;
    Path types;

    @BeforeEach
    void setUp() throws Exception {
        ec2 = new FakeEc2();
        VpcScenario.build(ec2.vpcs);
        types = Files.writeString(dir.resolve("types.json"), """
                {"InstanceTypes": [{"InstanceType": "m5.large", "Hypervisor": "nitro", "VCpuInfo": {"DefaultVCpus": 2},
                  "NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 10}}]}
                """);
    }

    @AfterEach
    void tearDown() {
        ec2.close();
    }

    private CliRun check(String... args) {
        List<String> all = new ArrayList<>(List.of("vpc", "check", "--region", "cn-north-1", "--endpoint", ec2.endpoint().toString(),
                "--max-attempts", "1", "--vpc", VPC));
        all.addAll(List.of(args));
        return CliRun.of(all.toArray(String[]::new));
    }

    private CliRun cluster(String... more) {
        List<String> all = new ArrayList<>(List.of("--cluster", CLUSTER, "--subnets", PRIVATE_A + "," + PRIVATE_B,
                "--utility-subnets", UTILITY_A + "," + UTILITY_B, "--pod-subnets", POD_A + "," + POD_B));
        all.addAll(List.of(more));
        return check(all.toArray(String[]::new));
    }

    @Test
    void aGoodVpcPrintsTheSubnetsTheAddressPlanAndASummaryAndExitsZero() {
        CliRun r = cluster("--nodes", "12", "--instance-type", "m5.large", "--instance-types-file", types.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("VPC " + VPC + " in cn-north-1 (arn:aws-cn:ec2:cn-north-1:" + FakeEc2.ACCOUNT + ":vpc/" + VPC + ")"), r.out());
        assertTrue(r.out().contains("topology: private (--utility-subnets given)"), r.out());
        assertTrue(line(r.out(), PRIVATE_A).matches(".*Private +cn-north-1a +cn-north-1a +10\\.0\\.1\\.0/24 +250 +NAT gateway " + NAT_A + " +" + NAT_A),
                r.out());
        assertTrue(r.out().contains("Addresses for 12 x m5.large at max-pods 20 (custom-networking): 1 per node from the node subnet,"
                + " 20 from the pod subnet; 6 node(s) per zone"), r.out());
        assertTrue(r.out().contains("Summary: 0 error(s), 0 warning(s), 0 note(s) for " + VPC), r.out());
        assertTrue(r.err().contains("reading " + VPC + " in cn-north-1 from " + ec2.endpoint() + " (Describe* calls only)"), r.err());
        assertTrue(r.err().contains("7 subnet(s) (DescribeSubnets)"), r.err());
        readOnly();
    }

    @Test
    void errorsExitOneWithATableAndTheFixes() {
        ec2.vpcs.vpcs.get(VPC).dnsHostnames = false;
        ec2.vpcs.routeTables.get(VpcScenario.RTB_PRIVATE_B).routes.removeIf(x -> x.destination.equals("0.0.0.0/0"));
        CliRun r = cluster();
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(line(r.out(), "enableDnsHostnames is off").matches("1 +error +dns +" + VPC + " +enableDnsHostnames is off"), r.out());
        assertTrue(line(r.out(), "no default route: egress").matches("2 +warning +egress +" + PRIVATE_B + " .*"), r.out());
        assertTrue(r.out().contains("     aws ec2 modify-vpc-attribute --region cn-north-1 --vpc-id " + VPC + " --enable-dns-hostnames '{\"Value\":true}'"),
                r.out());
        assertTrue(r.out().contains("   why: kOps requires it"), r.out());
        assertTrue(r.out().contains("Summary: 1 error(s), 1 warning(s), 0 note(s)"), r.out());
        assertTrue(r.out().contains("fix the errors, then run the check again"), r.out());
        readOnly();
    }

    @Test
    void jsonForPipelines() {
        ec2.vpcs.subnets.get(UTILITY_A).tags.remove("kubernetes.io/role/elb");
        CliRun r = cluster("--output", "json", "--nodes", "4", "--instance-type", "m5.large", "--instance-types-file", types.toString());
        assertEquals(0, r.exitCode(), r.toString());
        Map<String, YamlNode> j = Yaml.parse(r.out(), "json").map("report");
        Map<String, YamlNode> vpc = j.get("vpc").map("vpc");
        assertEquals("aws-cn", vpc.get("partition").string("partition"));
        assertEquals(ec2.endpoint().toString(), vpc.get("endpoint").string("endpoint"));
        assertEquals(true, j.get("summary").map("summary").get("passed").bool("passed"));
        Map<String, YamlNode> finding = j.get("findings").list("findings").get(0).map("finding");
        assertEquals("note", finding.get("severity").string("severity"));
        assertEquals(UTILITY_A, finding.get("subject").string("subject"));
        assertEquals(List.of("aws ec2 create-tags --region cn-north-1 --resources " + UTILITY_A + " --tags Key=kubernetes.io/role/elb,Value=1"),
                finding.get("commands").strings("commands"));
        Map<String, YamlNode> kops = j.get("kops").map("kops");
        assertEquals(VPC, kops.get("networkID").string("networkID"));
        assertEquals(NAT_A, kops.get("subnets").list("subnets").get(0).map("subnet").get("egress").string("egress"));
        assertEquals(20, j.get("capacity").map("capacity").get("podSubnetAddressesPerNode").number("per node"));
    }

    @Test
    void emitKopsPrintsTheSpecFragmentOnStdoutAndTheFindingsOnStderr() {
        CliRun r = cluster("--emit", "kops");
        assertEquals(0, r.exitCode(), r.toString());
        Map<String, YamlNode> spec = Yaml.parse(r.out(), "spec").map("root").get("spec").map("spec");
        assertEquals(VPC, spec.get("networkID").string("networkID"));
        assertEquals("10.0.0.0/16", spec.get("networkCIDR").string("networkCIDR"));
        assertEquals(List.of("100.64.0.0/16"), spec.get("additionalNetworkCIDRs").strings("additionalNetworkCIDRs"));
        List<YamlNode> subnets = spec.get("subnets").list("subnets");
        assertEquals(4, subnets.size(), "pod subnets are not kOps subnets");
        Map<String, YamlNode> first = subnets.get(0).map("subnet");
        assertEquals(List.of("id", "name", "type", "zone", "cidr", "egress"), List.copyOf(first.keySet()));
        assertEquals(NAT_A, first.get("egress").string("egress"));
        Map<String, YamlNode> utility = subnets.get(2).map("subnet");
        assertEquals("Utility", utility.get("type").string("type"));
        assertEquals("utility-cn-north-1a", utility.get("name").string("name"));
        assertTrue(!utility.containsKey("egress"), "kOps allows nat-/i- egress only on Private subnets");
        assertTrue(r.err().contains("Summary: 0 error(s)"), r.err());
        assertTrue(r.err().contains("kops edit cluster"), r.err());
    }

    @Test
    void emitEniconfigRendersOnePerZoneWithTheBootstrapRenderer() {
        CliRun r = cluster("--emit", "eniconfig", "--security-group", "sg-0123456789abcdef0");
        assertEquals(0, r.exitCode(), r.toString());
        String[] docs = r.out().split("\n---\n");
        assertEquals(2, docs.length, r.out());
        assertTrue(docs[0].contains("kind: ENIConfig\nmetadata:\n  name: cn-north-1a\nspec:\n  subnet: " + POD_A + "\n  securityGroups:\n    - sg-0123456789abcdef0"),
                docs[0]);
        assertTrue(docs[1].contains("name: cn-north-1b\nspec:\n  subnet: " + POD_B), docs[1]);
        assertTrue(r.err().contains("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true"), r.err());

        CliRun none = check("--subnets", PRIVATE_A, "--topology", "private", "--emit", "eniconfig");
        assertEquals(2, none.exitCode(), none.toString());
        assertTrue(none.err().contains("--pod-subnets"), none.err());
    }

    @Test
    void badUsageExitsTwoBeforeAnyCall() {
        assertBadUsage(CliRun.of("vpc", "check", "--region", "cn-north-1", "--vpc", "vpc-12"), "is not a VPC ID");
        assertBadUsage(check("--nodes", "3"), "--nodes and --instance-type go together");
        assertBadUsage(check("--emit", "terraform"), "neither kops nor eniconfig");
        assertBadUsage(check("--emit", "kops", "--output", "json"), "not both");
        assertBadUsage(check("--new-subnet-cidrs", "10.0.64.1/18"), "did you mean 10.0.64.0/18");
        assertBadUsage(check("--topology", "hybrid"), "neither public nor private");
        assertBadUsage(check("--security-group", "sg-0123456789abcdef0"), "--security-group goes with --emit eniconfig");
        assertBadUsage(check("--subnets", "subnet-xyz"), "is not a subnet ID");
        assertBadUsage(check("--subnets", PRIVATE_A, "--utility-subnets", PRIVATE_A), "both --subnets and --utility-subnets");
        assertBadUsage(CliRun.of("vpc", "check", "--region", "cn-nowhere", "--vpc", VPC), "is not an AWS region name");
        assertEquals(List.of(), ec2.calls(), "bad usage never reaches EC2");
        assertBadUsage(check("--subnets", PRIVATE_A, "--nodes", "3", "--instance-type", "x9.huge", "--instance-types-file", types.toString()),
                "x9.huge is not in");
    }

    @Test
    void anUnknownVpcSaysToCheckTheRegion() {
        CliRun r = CliRun.of("vpc", "check", "--region", "cn-northwest-1", "--endpoint", ec2.endpoint().toString(), "--vpc", VPC);
        assertBadUsage(r, "no VPC " + VPC + " in cn-northwest-1");
        assertTrue(r.err().contains("check --vpc and --region"), r.err());
        assertEquals("cn-northwest-1", ec2.calls().get(0).region());
    }

    @Test
    void helpHasAnExample() {
        CliRun r = CliRun.of("vpc", "check", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Examples:") && r.out().contains("--emit eniconfig | kubectl apply -f -"), r.out());
        assertTrue(CliRun.of("--help").out().contains("vpc"));
    }

    private void readOnly() {
        assertTrue(!ec2.calls().isEmpty());
        for (FakeEc2.Call c : ec2.calls()) {
            assertTrue(c.action().startsWith("Describe"), "ferry vpc check called " + c.action());
        }
    }

    private static void assertBadUsage(CliRun r, String text) {
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(text), "expected '" + text + "' in\n" + r.err());
    }

    private static String line(String text, String containing) {
        return text.lines().filter(l -> l.contains(containing)).findFirst().orElse("(no line with " + containing + ")");
    }
}
