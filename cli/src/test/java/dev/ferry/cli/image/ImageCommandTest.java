package dev.ferry.cli.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRun;
import dev.ferry.cli.FakeAwsCredentials;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.image.fake.FakeBuilder;
import dev.ferry.image.fake.FakeEc2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The ferry image commands end to end: flags, output, exit codes, against the fake EC2 and a real SSH server. */
@ExtendWith(FakeAwsCredentials.class)
class ImageCommandTest {
    @TempDir
    Path dir;
    FakeEc2 ec2;
    FakeBuilder builder;

    @BeforeEach
    void setUp() throws Exception {
        ec2 = new FakeEc2();
        ec2.addImage("cn-north-1", "ami-05ce000000000001", "debian-12-amd64-20260101", "136693071363", "2026-01-01T00:00:00.000Z");
        Path home = Files.createDirectories(dir.resolve("home"));
        builder = new FakeBuilder(home, line -> ec2.keyMaterial.values().stream().anyMatch(k -> FakeBuilder.sameKey(k, line)), false);
        ec2.consoleOutput = FakeEc2.consoleWithFingerprints(builder.fingerprint());
    }

    @AfterEach
    void tearDown() throws Exception {
        builder.close();
        ec2.close();
    }

    private Path config(String bakeCommand) throws Exception {
        Path file = dir.resolve("image.yaml");
        Files.writeString(file, """
                region: cn-north-1
                source: {ami: ami-05ce000000000001}
                builder: {instanceType: t3.medium, subnet: subnet-0abc, sshFrom: 10.0.0.0/16}
                ssh: {user: admin, port: %d, sudo: false, workDir: %s}
                image: {name: "kops-node-test-{date}"}
                waits: {poll: 5ms, consoleHostKeys: 300ms, ssh: 20s, sshConnect: 5s, instanceRunning: 20s, instanceStopped: 20s, image: 20s, instanceTerminated: 20s}
                bake:
                  - name: hello
                    run: %s
                """.formatted(builder.port(), dir.resolve("home/bake"), bakeCommand));
        return file;
    }

    private CliRun image(String... args) {
        String[] all = new String[args.length + 5];
        all[0] = "image";
        System.arraycopy(args, 0, all, 1, args.length);
        System.arraycopy(new String[] {"--endpoint", ec2.endpoint().toString(), "--max-attempts", "3", "--retry-delay-ms=1"}, 0,
                all, args.length + 1, 4);
        String[] trimmed = java.util.Arrays.copyOf(all, args.length + 5);
        return CliRun.of(trimmed);
    }

    @Test
    void buildPrintsTheAmiPerRegionAsJson() throws Exception {
        CliRun r = image("build", "--config", config("echo baked on the builder").toString(), "--output", "json");
        assertEquals(0, r.exitCode(), r.toString());
        Map<String, YamlNode> json = Yaml.parse(r.out(), "stdout").map("json");
        String ami = json.get("amis").map("amis").get("cn-north-1").string("ami");
        assertEquals(ec2.liveImages("cn-north-1").get(0).id, ami);
        assertEquals("false", json.get("skipped").string("skipped"));
        assertEquals("true", json.get("hostKey").map("hostKey").get("verified").string("v"));
        assertTrue(r.err().contains("hello | baked on the builder"), r.err());
        assertTrue(ec2.liveInstances().isEmpty() && ec2.groups.isEmpty() && ec2.keyPairs.isEmpty(), "cleaned up");

        CliRun again = image("build", "--config", config("echo again").toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("AMI already existed: nothing baked"), again.out());
        assertTrue(again.out().contains(ami), again.out());
    }

    @Test
    void failedBakeExits1WithWhatFailedAndWhatToDo() throws Exception {
        CliRun r = image("build", "--config", config("'echo no space left >&2; exit 7'").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: bake step 'hello'"), r.err());
        assertTrue(r.err().contains("failed with exit code 7"), r.err());
        assertTrue(r.err().contains("no space left"), r.err());
        assertTrue(r.err().contains("what to do: "), r.err());
        assertTrue(ec2.liveInstances().isEmpty() && ec2.groups.isEmpty() && ec2.keyPairs.isEmpty(), "cleaned up");
        assertTrue(ec2.liveImages("cn-north-1").isEmpty());
    }

    @Test
    void dryRunPrintsEveryCallAndTheBakeScriptWithoutTouchingEc2() throws Exception {
        CliRun r = CliRun.of("image", "build", "--config", config("echo hi").toString(), "--dry-run");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("[cn-north-1] RunInstances ("), r.out());
        assertTrue(r.out().contains("AssociatePublicIpAddress=false"), r.out());
        assertFalse(r.out().contains("AssociatePublicIpAddress=true"), r.out());
        for (String call : new String[] {"DescribeImages", "ImportKeyPair", "CreateSecurityGroup", "AuthorizeSecurityGroupIngress",
                "StopInstances", "CreateImage", "TerminateInstances", "DeleteKeyPair", "DeleteSecurityGroup"}) {
            assertTrue(r.out().contains("] " + call + " ("), call + " missing:\n" + r.out());
        }
        assertTrue(r.out().contains("echo hi"), "the bake script is printed");
        assertTrue(ec2.calls().isEmpty(), "no EC2 call was made");
    }

    @Test
    void badConfigExits2WithTheLine() throws Exception {
        Path file = config("echo hi");
        Files.writeString(file, Files.readString(file).replace("image: {name:", "imagee: {name:"));
        CliRun r = CliRun.of("image", "build", "--config", file.toString(), "--dry-run");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: " + file + ":5: unknown key 'imagee'"), r.err());
    }

    @Test
    void copyAcrossPartitionsIsRefusedWithTheWayAround() {
        CliRun r = image("copy", "--ami", "ami-05ce000000000001", "--from", "ap-southeast-1", "--to", "cn-north-1");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("CopyImage cannot go from ap-southeast-1 (aws) to cn-north-1 (aws-cn)"), r.err());
        assertTrue(r.err().contains("ferry image store"), r.err());
        assertTrue(ec2.calls().isEmpty());
    }

    @Test
    void copyStoreAndRestore() {
        CliRun copy = image("copy", "--ami", "ami-05ce000000000001", "--from", "cn-north-1", "--to", "cn-northwest-1",
                "--poll", "5ms", "--timeout", "20s", "--output", "json");
        assertEquals(0, copy.exitCode(), copy.toString());
        String copied = Yaml.parse(copy.out(), "stdout").map("j").get("amis").map("a").get("cn-northwest-1").string("id");
        assertEquals("available", ec2.images.get(copied).state);

        ec2.addImage("ap-southeast-1", "ami-09b0000000000001", "kops-node-1.30.0", FakeEc2.ACCOUNT, "2026-11-22T00:00:00.000Z");
        CliRun store = image("store", "--ami", "ami-09b0000000000001", "--region", "ap-southeast-1", "--bucket", "ami-transfer",
                "--poll", "5ms", "--timeout", "20s");
        assertEquals(0, store.exitCode(), store.toString());
        assertTrue(store.out().contains("is stored as s3://ami-transfer/ami-09b0000000000001.bin"), store.out());
        assertTrue(store.out().contains("ferry image restore --bucket <bucket there> --key ami-09b0000000000001.bin"), store.out());

        ec2.objects.add("ami-transfer-cn/ami-09b0000000000001.bin");
        CliRun restore = image("restore", "--bucket", "ami-transfer-cn", "--key", "ami-09b0000000000001.bin", "--region", "cn-north-1",
                "--name", "kops-node-1.30.0", "--poll", "5ms", "--timeout", "20s", "--output", "json");
        assertEquals(0, restore.exitCode(), restore.toString());
        Map<String, YamlNode> json = Yaml.parse(restore.out(), "stdout").map("j");
        assertEquals("cn-north-1", json.get("region").string("r"));
        assertEquals("available", ec2.images.get(json.get("ami").string("a")).state);
    }

    @Test
    void badFlagsExit2BeforeAnyCall() {
        assertEquals(2, image("store", "--ami", "not-an-ami", "--region", "ap-southeast-1", "--bucket", "b1b").exitCode());
        assertEquals(2, image("store", "--ami", "ami-09b0000000000001", "--region", "ap-southeast-1", "--bucket", "s3://b/x").exitCode());
        assertEquals(2, image("restore", "--bucket", "bbb", "--key", "k", "--region", "china").exitCode());
        assertEquals(2, image("copy", "--ami", "ami-05ce000000000001", "--from", "cn-north-1", "--to", "cn-north-1").exitCode());
        assertTrue(ec2.calls().isEmpty());
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (String c : new String[] {"build", "copy", "store", "restore"}) {
            CliRun r = CliRun.of("image", c, "--help");
            assertEquals(0, r.exitCode(), r.toString());
            assertTrue(r.out().contains("Example"), c + ": " + r.out());
        }
    }
}
