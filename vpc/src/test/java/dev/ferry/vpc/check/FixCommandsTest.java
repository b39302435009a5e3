package dev.ferry.vpc.check;

import static dev.ferry.image.fake.VpcScenario.CLUSTER;
import static dev.ferry.image.fake.VpcScenario.POD_B;
import static dev.ferry.image.fake.VpcScenario.PRIVATE_A;
import static dev.ferry.image.fake.VpcScenario.PRIVATE_B;
import static dev.ferry.image.fake.VpcScenario.RTB_PRIVATE_A;
import static dev.ferry.image.fake.VpcScenario.RTB_PRIVATE_B;
import static dev.ferry.image.fake.VpcScenario.RTB_PUBLIC;
import static dev.ferry.image.fake.VpcScenario.UTILITY_A;
import static dev.ferry.image.fake.VpcScenario.UTILITY_B;
import static dev.ferry.image.fake.VpcScenario.VPC;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.image.fake.FakeVpcs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The fixes the check prints, run as printed with the real AWS CLI against the fake EC2, make their findings go away:
 * the commands are valid AWS CLI and do what the finding says. The commands go through the AWS CLI's own driver, started
 * once (its start-up is most of a command's second). Skips where the AWS CLI (Debian package awscli) is absent.
 */
class FixCommandsTest {

    @Test
    void everyPrintedFixClearsItsFinding() throws Exception {
        Assumptions.assumeTrue(awsCli(), "the AWS CLI (Debian package awscli, python3 -c 'import awscli') is not installed: fix commands not run");
        try (VpcFixture fx = new VpcFixture()) {
            FakeVpcs v = fx.ec2.vpcs;
            breakEverythingFixable(v);
            CheckReport broken = fx.run(VpcFixture.request().tagsOutside());
            List<Finding> fixable = broken.findings().stream().filter(f -> !f.commands().isEmpty() && f.severity() != Severity.NOTE).toList();
            assertTrue(fixable.size() >= 8, "findings with fixes: " + broken.findings());
            run(fixable.stream().flatMap(f -> f.commands().stream()).toList(), fx.ec2.endpoint().toString());
            CheckReport fixed = fx.run(VpcFixture.request().tagsOutside());
            List<Finding> left = fixed.findings().stream().filter(f -> f.severity() != Severity.NOTE).toList();
            assertEquals(List.of(), left, "still there after the fixes ran");
            assertTrue(fixed.passed());
        }
    }

    private static void breakEverythingFixable(FakeVpcs v) {
        v.vpcs.get(VPC).dnsHostnames = false;
        v.vpcs.get(VPC).dnsSupport = false;
        v.vpcs.get(VPC).tags.put("kubernetes.io/cluster/" + CLUSTER, "owned");
        v.subnets.get(PRIVATE_A).tags.remove("kubernetes.io/role/internal-elb");
        v.subnets.get(UTILITY_B).tags.clear();
        v.subnets.get(PRIVATE_B).mapPublicIp = true;
        v.subnets.get(UTILITY_A).mapPublicIp = false;
        // utility subnets leave through a transit gateway; zone b's private subnet has no way out at all
        v.defaultRoute(v.routeTables.get(RTB_PUBLIC), "tgw-0fa00000000000001");
        v.routeTables.get(RTB_PRIVATE_B).routes.removeIf(r -> r.destination.equals("0.0.0.0/0"));
        // zone b's pod subnet sits on zone a's table; zone a leaves through a NAT instance that is stopped and checks source/dest
        v.routeTable("rtb-0d00000000000001d", VPC, POD_B);
        v.defaultRoute(v.routeTables.get("rtb-0d00000000000001d"), "nat-0a00000000000001a");
        FakeVpcs.NatInstance nat = v.natInstance("i-0fa00000000000001", VPC, UTILITY_A);
        nat.state = "stopped";
        nat.sourceDestCheck = true;
        v.defaultRoute(v.routeTables.get(RTB_PRIVATE_A), nat.id);
    }

    /** Each command as printed (shell words, one line each), through awscli's driver with the fake's endpoint. */
    private static void run(List<String> commands, String endpoint) throws IOException, InterruptedException {
        for (String c : commands) {
            assertTrue(c.startsWith("aws ec2 ") && !c.contains("\n"), c);
        }
        // one start-up, then a forked child per command: the driver keeps state between runs, a child's copy is thrown away
        String driver = String.join("\n",
                "import os, shlex, sys",
                "from awscli.clidriver import create_clidriver",
                "driver = create_clidriver()",
                "try:",
                "    driver._get_command_table()['ec2']._get_command_table()  # warm-up only: loads the EC2 model once",
                "except Exception:",
                "    pass",
                "for line in sys.stdin.read().splitlines():",
                "    pid = os.fork()",
                "    if pid == 0:",
                "        os._exit(driver.main(['--endpoint-url', sys.argv[1]] + shlex.split(line)[1:]))",
                "    rc = os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1])",
                "    print('exit %d: %s' % (rc, line), flush=True)",
                "    if rc != 0: sys.exit(1)");
        ProcessBuilder pb = new ProcessBuilder("python3", "-c", driver, endpoint).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        env.put("AWS_ACCESS_KEY_ID", "AKIDFAKE");
        env.put("AWS_SECRET_ACCESS_KEY", "fake-secret");
        env.put("AWS_CONFIG_FILE", "/nonexistent/config");
        env.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/credentials");
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("AWS_PAGER", "");
        Process p = pb.start();
        try (var in = p.getOutputStream()) {
            in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "timed out:\n" + output);
        assertEquals(0, p.exitValue(), output);
        assertEquals(commands.size(), output.lines().filter(l -> l.startsWith("exit 0: ")).count(), output);
    }

    private static boolean awsCli() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "import awscli.clidriver").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
