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
import dev.ferry.image.fake.FakeEc2;
import dev.ferry.image.fake.VpcScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ferry vpc check end to end: flags, text, JSON, the emitted kOps spec and ENIConfigs, exit codes, against the fake EC2. */
class VpcCheckCommandTest {
    @TempDir
    Path dir;
    FakeEc2 ec2;
    Path types;

    @BeforeAll
    static void credentials() {
        System.setProperty("aws.accessKeyId", "AKIDFAKE");
        System.setProperty("aws.secretAccessKey", "fake-secret");
    }

    @AfterAll
    static void noCredentials() {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }

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
        System.out.println(r);
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("arn:aws-cn:ec2:cn-north-1:" + FakeEc2.ACCOUNT + ":vpc/" + VPC), r.out());
        assertTrue(r.out().contains("Summary: 0 error(s), 0 warning(s)"), r.out());
        assertTrue(r.err().contains("Describe* calls only"), r.err());
    }

    @Test
    void debugBroken() {
        ec2.vpcs.vpcs.get(VPC).dnsHostnames = false;
        ec2.vpcs.routeTables.get(VpcScenario.RTB_PRIVATE_B).routes.removeIf(x -> x.destination.equals("0.0.0.0/0"));
        ec2.vpcs.subnets.get(UTILITY_A).tags.remove("kubernetes.io/role/elb");
        ec2.vpcs.defaultRoute(ec2.vpcs.routeTables.get(VpcScenario.RTB_PUBLIC), "tgw-0fa00000000000001");
        CliRun r = cluster("--nodes", "40", "--instance-type", "m5.large", "--instance-types-file", types.toString());
        System.out.println(r);
        System.out.println(cluster("--emit", "kops"));
        System.out.println(cluster("--emit", "eniconfig", "--security-group", "sg-0123456789abcdef0"));
        System.out.println(cluster("--output", "json"));
    }
}
