package dev.ferry.image.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.aws.Ec2Error;
import dev.ferry.error.FerryException;
import dev.ferry.image.fake.FakeEc2;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;

class ImageBuildTest extends BuildFixtureTest {
    private String steps() throws Exception {
        Files.writeString(dir.resolve("node-install.sh"), "#!/bin/sh\necho \"installing kubelet $KUBE\"\necho done > \"$ROOT/installed\"\n");
        Files.writeString(dir.resolve("containerd.toml"), "version = 2\n");
        return """
                - name: packages
                  env: {ROOT: "%1$s", GREETING: "it's here"}
                  run: |
                    echo "$GREETING"
                    echo "to stderr" >&2
                    touch "$ROOT/packages"
                - name: node-install
                  script: node-install.sh
                  env: {KUBE: 1.30.0, ROOT: "%1$s"}
                - name: files
                  upload:
                    - from: containerd.toml
                      to: %1$s/etc/containerd/config.toml
                      mode: "0600"
                """.formatted(f.out);
    }

    /** Cleanup after any outcome: builder terminated, temporary key pair and security group gone. */
    private void assertCleanedUp() {
        f.assertCleanedUp();
    }

    @Test
    void bakesOnThePrivateIpAndLeavesExactlyOneAmi() throws Exception {
        BuildResult r = f.build(f.config(f.yaml(steps())));

        assertEquals("kops-node-1.30.0-20261122", r.imageName());
        assertFalse(r.skipped());
        List<FakeEc2.Image> amis = f.ec2.liveImages(BuildFixture.REGION);
        assertEquals(1, amis.size(), "exactly one AMI");
        FakeEc2.Image ami = amis.get(0);
        assertEquals(ami.id, r.amis().get(BuildFixture.REGION));
        assertEquals("available", ami.state);
        assertEquals(r.buildId(), ami.tags.get("ferry.build-id"));
        assertEquals("platform", ami.tags.get("team"));
        assertEquals(BuildFixture.SOURCE, ami.tags.get("ferry.source-ami"), "the newest matching source AMI");
        assertEquals(r.buildId(), f.ec2.snapshots.get(ami.snapshots.get(0)).get("ferry.build-id"), "snapshot tagged");
        assertTrue(r.leftovers().isEmpty());
        assertCleanedUp();

        // the bake really ran on the SSH server, in order, with env, files and modes
        assertTrue(Files.exists(f.out.resolve("packages")));
        assertEquals("done\n", Files.readString(f.out.resolve("installed")));
        Path toml = f.out.resolve("etc/containerd/config.toml");
        assertEquals("version = 2\n", Files.readString(toml));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(toml)));
        assertTrue(f.output.contains("[packages] it's here"), f.output.toString());
        assertTrue(f.output.contains("[packages] to stderr"), f.output.toString());
        assertTrue(f.output.contains("[node-install] installing kubelet 1.30.0"), f.output.toString());
        assertFalse(Files.exists(f.remote.resolve("ferry-bake")), "the work folder is removed before the image is taken");

        // no public IP: subnet, groups and AssociatePublicIpAddress=false inside the network interface only
        FakeEc2.Call run = f.ec2.calls("RunInstances").get(0);
        assertEquals("false", run.get("NetworkInterface.1.AssociatePublicIpAddress"));
        assertEquals("0", run.get("NetworkInterface.1.DeviceIndex"));
        assertEquals("subnet-0abc", run.get("NetworkInterface.1.SubnetId"));
        assertTrue(run.get("NetworkInterface.1.SecurityGroupId.1").startsWith("sg-"));
        assertNull(run.get("SubnetId"));
        assertFalse(run.has("SecurityGroupId"), "no instance-level security groups");
        assertFalse(f.ec2.calls().stream().anyMatch(c -> c.params().entrySet().stream()
                .anyMatch(e -> e.getKey().contains("AssociatePublicIpAddress") && e.getValue().equals("true"))));
        FakeEc2.Instance builder = f.ec2.instances.values().iterator().next();
        assertEquals("1", builder.tags.get("k8s.io/role/imagebuilder"));
        assertEquals(r.buildId(), builder.tags.get("ferry.build-id"));

        // the builder was stopped before CreateImage, and "not found" after CreateImage was waited out
        List<String> actions = f.ec2.calls().stream().map(FakeEc2.Call::action).toList();
        assertTrue(actions.indexOf("StopInstances") < actions.indexOf("CreateImage"));
        long describes = f.ec2.calls("DescribeImages").stream().filter(c -> ami.id.equals(c.get("ImageId.1"))).count();
        assertTrue(describes > f.ec2.imageNotFoundDescribes, "retried through InvalidAMIID.NotFound: " + describes);
        // the SSH rule of the temporary group: only the SSH port, only from the given CIDR
        FakeEc2.Call ingress = f.ec2.calls("AuthorizeSecurityGroupIngress").get(0);
        assertEquals("10.0.0.0/16", ingress.get("IpPermissions.1.IpRanges.1.CidrIp"));
        assertEquals(String.valueOf(f.builder.port()), ingress.get("IpPermissions.1.FromPort"));

        assertTrue(r.hostKeyVerified(), "host key checked against the console output");
        assertEquals(f.builder.fingerprint(), r.hostKey().orElseThrow());
    }

    @Test
    void sshThatNeverComesUpFailsClearlyAndCleansUp() throws Exception {
        FerryException e = assertThrows(FerryException.class,
                () -> f.build(f.config(f.yaml(steps(), "", BuildFixture.deadPort()).replace("  ssh: 20s", "  ssh: 1s"))));
        assertTrue(e.getMessage().contains("SSH on the builder's private IP 127.0.0.1:"), e.getMessage());
        assertTrue(e.getMessage().contains("did not come up within 1s"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("security group"), e.hint().orElseThrow());
        assertCleanedUp();
        assertTrue(f.ec2.liveImages(BuildFixture.REGION).isEmpty());
        assertTrue(f.ec2.calls("CreateImage").isEmpty());
    }

    @Test
    void failingBakeStepFailsWithItsExitCodeAndLastLines() throws Exception {
        String bake = """
                - name: good
                  run: echo fine
                - name: broken
                  run: |
                    echo "fetching https://mirror.example/kubelet"
                    echo "sha256 mismatch" >&2
                    exit 3
                - name: never
                  run: touch never-ran
                """;
        FerryException e = assertThrows(FerryException.class, () -> f.build(f.config(f.yaml(bake))));
        assertTrue(e.getMessage().startsWith("bake step 'broken' (" + dir.resolve("image.yaml") + ":"), e.getMessage());
        assertTrue(e.getMessage().contains("failed with exit code 3"), e.getMessage());
        assertTrue(e.getMessage().contains("sha256 mismatch"), e.getMessage());
        assertFalse(f.builder.commandLog.stream().anyMatch(c -> c.contains("never")), "later steps do not run");
        assertCleanedUp();
        assertTrue(f.ec2.calls("CreateImage").isEmpty());
        assertTrue(f.ec2.liveImages(BuildFixture.REGION).isEmpty());
    }

    @Test
    void createImageFailureNamesThePermissionAndCleansUp() throws Exception {
        f.ec2.alwaysFail("CreateImage", 403, "UnauthorizedOperation", "You are not authorized to perform this operation.");
        Ec2Error e = assertThrows(Ec2Error.class, () -> f.build(f.config(f.yaml(steps()))));
        assertEquals("UnauthorizedOperation", e.code());
        assertTrue(e.getMessage().startsWith("EC2 CreateImage in cn-north-1 failed"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("ec2:CreateImage"), e.hint().orElseThrow());
        assertCleanedUp();
        assertTrue(f.ec2.liveImages(BuildFixture.REGION).isEmpty());
    }

    @Test
    void amiThatNeverBecomesAvailableIsDeregisteredWithItsSnapshots() throws Exception {
        f.ec2.imagesNeverAvailable = true;
        FerryException e = assertThrows(FerryException.class, () -> f.build(f.config(f.yaml(steps()).replace("  image: 20s", "  image: 2s"))));
        assertTrue(e.getMessage().contains("timed out after 2s waiting for ami-"), e.getMessage());
        assertCleanedUp();
        assertTrue(f.ec2.liveImages(BuildFixture.REGION).isEmpty(), "half-made AMI deregistered");
        assertEquals(2, f.ec2.snapshots.size(), "its snapshot deleted; only the two source AMIs' snapshots remain");
    }

    @Test
    void keepOnFailureKeepsTheHalfMadeAmiButNotTheBuilder() throws Exception {
        f.ec2.imagesNeverAvailable = true;
        assertThrows(FerryException.class, () -> f.build(f.config(f.yaml(steps()).replace("  image: 20s", "  image: 1s")),
                BuildFixture.options().withKeepOnFailure(true)));
        assertCleanedUp();
        assertEquals(1, f.ec2.liveImages(BuildFixture.REGION).size());
        assertTrue(f.warnings.stream().anyMatch(w -> w.contains("kept the half-made AMI")), f.warnings.toString());
    }

    @Test
    void failedImageReportsEc2sReason() throws Exception {
        f.ec2.imagesFail = true;
        FerryException e = assertThrows(FerryException.class, () -> f.build(f.config(f.yaml(steps()))));
        assertTrue(e.getMessage().contains("as failed (Client.InternalError: fake: image creation failed)"), e.getMessage());
        assertCleanedUp();
        assertTrue(f.ec2.liveImages(BuildFixture.REGION).isEmpty());
    }

    @Test
    void shortThrottlingIsRetriedAndTheBuildSucceeds() throws Exception {
        f.ec2.failNext("DescribeInstances", 503, "RequestLimitExceeded", "Request limit exceeded.", 2);
        f.ec2.failNext("CreateImage", 503, "RequestLimitExceeded", "Request limit exceeded.", 2);
        BuildResult r = f.build(f.config(f.yaml(steps())));
        assertEquals(1, f.ec2.liveImages(BuildFixture.REGION).size());
        assertEquals(3, f.ec2.calls("CreateImage").size(), "two throttled attempts, then success");
        assertEquals(1, f.ec2.instances.size(), "never a second builder");
        assertTrue(r.leftovers().isEmpty());
        assertCleanedUp();
    }

    @Test
    void persistentThrottlingFailsClearlyAndCleansUp() throws Exception {
        f.ec2.alwaysFail("StopInstances", 503, "RequestLimitExceeded", "Request limit exceeded.");
        Ec2Error e = assertThrows(Ec2Error.class, () -> f.build(f.config(f.yaml(steps()))));
        assertEquals("RequestLimitExceeded", e.code());
        assertTrue(e.getMessage().startsWith("EC2 StopInstances in cn-north-1 failed"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("throttling"), e.hint().orElseThrow());
        assertEquals(4, f.ec2.calls("StopInstances").size(), "the SDK retried up to the configured attempts");
        assertCleanedUp();
        assertTrue(f.ec2.liveImages(BuildFixture.REGION).isEmpty());
    }

    @Test
    void aHostKeyThatDoesNotMatchTheConsoleIsRefused() throws Exception {
        f.ec2.consoleOutput = FakeEc2.consoleWithFingerprints("SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        FerryException e = assertThrows(FerryException.class, () -> f.build(f.config(f.yaml(steps()))));
        assertTrue(e.getMessage().contains("matches none of the expected fingerprints"), e.getMessage());
        assertTrue(e.getMessage().contains(f.builder.fingerprint()), e.getMessage());
        assertTrue(f.builder.commandLog.isEmpty(), "nothing was run on an unverified host");
        assertCleanedUp();
    }

    @Test
    void withoutConsoleFingerprintsTheKeyIsRecordedAndPrinted() throws Exception {
        f.ec2.consoleOutput = "cloud-init: no fingerprints printed\n";
        BuildResult r = f.build(f.config(f.yaml(steps())));
        assertFalse(r.hostKeyVerified());
        assertEquals(f.builder.fingerprint(), r.hostKey().orElseThrow());
        assertTrue(f.warnings.stream().anyMatch(w -> w.contains("NOT verified") && w.contains(f.builder.fingerprint())), f.warnings.toString());
    }

    @Test
    void requireVerifiedHostKeyRefusesABuilderWithoutFingerprints() throws Exception {
        f.ec2.consoleOutput = "";
        String yaml = f.yaml(steps()).replace("  sudo: false\n", "  sudo: false\n  requireVerifiedHostKey: true\n");
        FerryException e = assertThrows(FerryException.class, () -> f.build(f.config(yaml)));
        assertTrue(e.getMessage().contains("requireVerifiedHostKey"), e.getMessage());
        assertCleanedUp();
    }

    @Test
    void anExistingAmiNameIsSkippedUnlessForced() throws Exception {
        BuildResult first = f.build(f.config(f.yaml(steps())));
        String firstId = first.amis().get(BuildFixture.REGION);
        int runs = f.ec2.calls("RunInstances").size();

        BuildResult again = f.build(f.config(f.yaml(steps())));
        assertTrue(again.skipped());
        assertEquals(firstId, again.amis().get(BuildFixture.REGION));
        assertEquals(runs, f.ec2.calls("RunInstances").size(), "no builder launched");

        BuildResult forced = f.build(f.config(f.yaml(steps())), BuildFixture.options().withForce(true));
        assertFalse(forced.skipped());
        List<FakeEc2.Image> amis = f.ec2.liveImages(BuildFixture.REGION);
        assertEquals(1, amis.size(), "the old AMI was replaced, not duplicated");
        assertFalse(amis.get(0).id.equals(firstId));
        assertEquals(3, f.ec2.snapshots.size(), "the old AMI's snapshot was deleted");
        assertCleanedUp();
    }

    @Test
    void tagsAreAppliedAfterCreateWhereTheRegionRefusesThemOnCreate() throws Exception {
        f.ec2.refuseTagsOnCreate = true;
        BuildResult r = f.build(f.config(f.yaml(steps())));
        FakeEc2.Image ami = f.ec2.liveImages(BuildFixture.REGION).get(0);
        assertEquals(r.buildId(), ami.tags.get("ferry.build-id"));
        assertEquals(r.buildId(), f.ec2.snapshots.get(ami.snapshots.get(0)).get("ferry.build-id"));
        assertEquals("1", f.ec2.instances.values().iterator().next().tags.get("k8s.io/role/imagebuilder"));
        assertEquals(1, f.ec2.instances.size(), "the refused RunInstances launched nothing; the retry launched one");
        assertCleanedUp();
    }

    @Test
    void copiesToTargetRegionsAndWaitsForThem() throws Exception {
        BuildResult r = f.build(f.config(f.yaml(steps(), "copyTo: [cn-northwest-1]", f.builder.port())));
        assertEquals(2, r.amis().size());
        List<FakeEc2.Image> copies = f.ec2.liveImages("cn-northwest-1");
        assertEquals(1, copies.size());
        assertEquals(copies.get(0).id, r.amis().get("cn-northwest-1"));
        assertEquals("available", copies.get(0).state);
        assertEquals(r.buildId(), copies.get(0).tags.get("ferry.build-id"));
        FakeEc2.Call copy = f.ec2.calls("CopyImage").get(0);
        assertEquals("cn-northwest-1", copy.region());
        assertEquals(BuildFixture.REGION, copy.get("SourceRegion"));
        assertCleanedUp();
    }

    @Test
    void aFailedCopyKeepsTheCompleteAmiAndARerunFinishesTheCopy() throws Exception {
        f.ec2.alwaysFail("CopyImage", 400, "InvalidRegion", "Region cn-northwest-1 is not enabled for this account");
        String yaml = f.yaml(steps(), "copyTo: [cn-northwest-1]", f.builder.port());
        FerryException e = assertThrows(FerryException.class, () -> f.build(f.config(yaml)));
        assertTrue(e.getMessage().contains("EC2 CopyImage in cn-northwest-1 failed: InvalidRegion"), e.getMessage());
        assertTrue(e.getMessage().contains("is complete and kept"), e.getMessage());
        assertEquals(1, f.ec2.liveImages(BuildFixture.REGION).size());
        assertCleanedUp();

        f.ec2.heal();
        BuildResult again = f.build(f.config(yaml));
        assertTrue(again.skipped());
        assertEquals(1, f.ec2.liveImages("cn-northwest-1").size(), "the re-run made the missing copy");
        assertEquals(1, f.ec2.calls("RunInstances").size(), "without baking again");
    }

    @Test
    void aBuildKilledMidBakeStillCleansUp() throws Exception {
        Path config = dir.resolve("image.yaml");
        Files.writeString(config, f.yaml("- name: slow\n  run: |\n    echo started\n    sleep 60\n"));
        Path log = dir.resolve("child.log");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), BuildMain.class.getName(), f.ec2.endpoint().toString(), config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (!(Files.exists(log) && Files.readString(log).contains("[slow] started"))) {
                assertTrue(child.isAlive() && System.nanoTime() < deadline, "the child reached the bake step:\n" + Files.readString(log));
                Thread.sleep(50);
            }
            child.destroy(); // SIGTERM, as Ctrl-C or a CI timeout would
            assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "the child exits");
        } finally {
            child.destroyForcibly();
        }
        String out = Files.readString(log);
        assertTrue(out.contains("interrupted: cleaning up build"), out);
        assertCleanedUp();
        assertTrue(f.ec2.calls("CreateImage").isEmpty());
    }

    @Test
    void usesAnExistingKeyPairAndSecurityGroupAndLeavesThemAlone() throws Exception {
        Path keyFile = dir.resolve("builder.pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(BuildFixture.RSA_KEY.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        f.ec2.keyMaterial.put("existing-builder", org.apache.sshd.common.config.keys.PublicKeyEntry.toString(BuildFixture.RSA_KEY.getPublic()));
        String yaml = f.yaml(steps()).replace("  sshFrom: 10.0.0.0/16\n",
                "  securityGroup: sg-0e1e2e3e4e5e6e7e8\n  keyPair: existing-builder\n  privateKeyFile: builder.pem\n");
        f.build(f.config(yaml), BuildFixture.options().withKeys(() -> {
            throw new AssertionError("no key is generated when keyPair is given");
        }));
        FakeEc2.Call run = f.ec2.calls("RunInstances").get(0);
        assertEquals("existing-builder", run.get("KeyName"));
        assertEquals("sg-0e1e2e3e4e5e6e7e8", run.get("NetworkInterface.1.SecurityGroupId.1"));
        for (String action : new String[] {"ImportKeyPair", "DeleteKeyPair", "CreateSecurityGroup", "DeleteSecurityGroup"}) {
            assertTrue(f.ec2.calls(action).isEmpty(), action + " must not be called for the user's own resources");
        }
        assertEquals(1, f.ec2.liveImages(BuildFixture.REGION).size());
        assertTrue(f.ec2.liveInstances().isEmpty());
    }

    @Test
    void reachesThePrivateIpThroughABastionWithAPinnedHostKey() throws Exception {
        java.security.KeyPair jumpKey = BuildFixture.RSA_KEY;
        Path keyFile = dir.resolve("bastion.pem");
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n"
                + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(jumpKey.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        String jumpLine = org.apache.sshd.common.config.keys.PublicKeyEntry.toString(jumpKey.getPublic());
        try (dev.ferry.image.fake.FakeBuilder bastion = new dev.ferry.image.fake.FakeBuilder(dir, line -> FakeBuilderKeys.same(jumpLine, line), true)) {
            String bastionYaml = "  bastion:\n    host: 127.0.0.1\n    port: " + bastion.port() + "\n    user: jump\n"
                    + "    privateKeyFile: bastion.pem\n    hostKey: \"" + bastion.fingerprint() + "\"\n";
            String yaml = f.yaml(steps()).replace("  sudo: false\n", "  sudo: false\n" + bastionYaml);
            BuildResult r = f.build(f.config(yaml));
            assertTrue(r.hostKeyVerified());
            assertTrue(bastion.sessions.get() >= 1, "the bastion carried the connection");
            assertEquals(1, f.ec2.liveImages(BuildFixture.REGION).size());
            assertCleanedUp();

            String wrongPin = yaml.replace(bastion.fingerprint(), "SHA256:BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB");
            f.ec2.heal();
            FerryException e = assertThrows(FerryException.class, () -> f.build(f.config(wrongPin), BuildFixture.options().withForce(true)));
            assertTrue(e.getMessage().contains("the host key of bastion 127.0.0.1:" + bastion.port()), e.getMessage());
            assertCleanedUp();
        }
    }

    /** Key comparison for the bastion's authorizer. */
    static final class FakeBuilderKeys {
        static boolean same(String a, String b) {
            return dev.ferry.image.fake.FakeBuilder.sameKey(a, b);
        }
    }
}
