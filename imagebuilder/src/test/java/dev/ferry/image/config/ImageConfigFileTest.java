package dev.ferry.image.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.format.Yaml;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageConfigFileTest {
    @TempDir
    Path dir;

    static final String GOOD = """
            region: cn-north-1
            source:
              ami: ami-0123456789abcdef0
            builder:
              instanceType: m5.large
              subnet: subnet-0abc
              securityGroup: sg-0def
            image:
              name: kops-{kubernetes}-{date}
            variables:
              kubernetes: 1.30.0
            bake:
              - run: echo hi
            """;

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("install.sh"), "#!/bin/sh\n");
    }

    private ImageConfig parse(String yaml) {
        return ImageConfigFile.parse(Yaml.parse(yaml, "image.yaml"), dir);
    }

    private FerryException bad(String yaml) {
        FerryException e = assertThrows(FerryException.class, () -> parse(yaml));
        assertEquals(FerryException.BAD_USAGE, e.exitCode(), e.getMessage());
        return e;
    }

    @Test
    void minimalConfigGetsSafeDefaults() {
        ImageConfig c = parse(GOOD);
        assertEquals("cn-north-1", c.region());
        assertInstanceOf(SourceImage.ById.class, c.source());
        assertInstanceOf(KeyChoice.Temporary.class, c.key());
        assertEquals(new SecurityGroupChoice.Existing("sg-0def"), c.securityGroup());
        assertEquals("ec2-user", c.ssh().user());
        assertEquals(22, c.ssh().port());
        assertTrue(c.ssh().sudo());
        assertEquals(Waits.defaults(), c.waits());
        assertEquals("kops-1.30.0-20261122", c.imageName().render(Instant.parse("2026-11-22T23:59:59Z")));
        assertEquals("run-1", c.bake().get(0).name());
    }

    @Test
    void typosAreRefusedWithTheirLine() {
        FerryException e = bad(GOOD.replace("  subnet: subnet-0abc", "  subnett: subnet-0abc"));
        assertTrue(e.getMessage().startsWith("image.yaml:6: unknown key 'subnett' in builder"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("subnet"), e.hint().orElseThrow());
    }

    @Test
    void everyProblemNamesItsLine() {
        assertTrue(bad(GOOD.replace("region: cn-north-1", "region: beijing")).getMessage().startsWith("image.yaml:1: region must be"));
        assertTrue(bad(GOOD.replace("  ami: ami-0123456789abcdef0", "  ami: 0123")).getMessage().startsWith("image.yaml:3: ami must be an id"));
        assertTrue(bad(GOOD.replace("  securityGroup: sg-0def\n", "")).getMessage().contains("missing 'securityGroup' or 'sshFrom'"));
        assertTrue(bad(GOOD.replace("  securityGroup: sg-0def", "  securityGroup: sg-0def\n  sshFrom: 10.0.0.0/8"))
                .getMessage().contains("either 'securityGroup' or 'sshFrom'"));
        assertTrue(bad(GOOD.replace("  securityGroup: sg-0def", "  sshFrom: everyone")).getMessage().startsWith("image.yaml:7: sshFrom must be an IPv4 CIDR"));
        assertTrue(bad(GOOD.replace("kops-{kubernetes}-{date}", "kops-{k8s}")).getMessage().startsWith("image.yaml:9: the image name uses {k8s}"));
        assertTrue(bad(GOOD.replace("kops-{kubernetes}-{date}", "\"kops:{date}\"")).getMessage().contains("is not a valid AMI name"));
        assertTrue(bad(GOOD.replace("  - run: echo hi", "  - run: echo hi\n    script: install.sh")).getMessage()
                .contains("exactly one of 'install', 'run', 'script' or 'upload'"));
        assertTrue(bad(GOOD.replace("  - run: echo hi", "  - script: missing.sh")).getMessage().startsWith("image.yaml:13: cannot read the script"));
        assertTrue(bad(GOOD + "waits:\n  ssh: ten minutes\n").getMessage().startsWith("image.yaml:15: ssh must be a duration"));
        assertTrue(bad(GOOD.replace("  - run: echo hi", "  - run: a\n    name: x\n  - run: b\n    name: x")).getMessage().contains("two bake steps are named 'x'"));
        assertTrue(bad(GOOD.replace("  ami: ami-0123456789abcdef0", "  name: debian-*")).getMessage().contains("'name' needs 'owners'"));
        assertTrue(bad(GOOD.replace("  - run: echo hi", "  - upload:\n      - from: install.sh\n        to: relative/path"))
                .getMessage().contains("'to' must be an absolute file path"));
        assertTrue(bad(GOOD.replace("  - run: echo hi", "  - run: x\n    env: {\"BAD-NAME\": 1}")).getMessage().contains("not a valid environment variable name"));
        assertTrue(bad(GOOD.replace("  securityGroup: sg-0def", "  securityGroup: sg-0def\n  keyPair: builder")).getMessage()
                .contains("'keyPair' and 'privateKeyFile' go together"));
    }

    @Test
    void copyToStaysInsideThePartition() {
        FerryException e = bad(GOOD.replace("  name: kops-{kubernetes}-{date}", "  name: kops-{kubernetes}-{date}\n  copyTo: [ap-southeast-1]"));
        assertTrue(e.getMessage().contains("different partitions (aws-cn, aws)"), e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("ferry image store"), e.hint().orElseThrow());
        ImageConfig ok = parse(GOOD.replace("  name: kops-{kubernetes}-{date}", "  name: kops-{kubernetes}-{date}\n  copyTo: cn-northwest-1, cn-north-1"));
        assertEquals(java.util.List.of("cn-northwest-1"), ok.copyTo(), "the build region itself is dropped");
    }

    @Test
    void fullConfigParses() {
        ImageConfig c = parse(GOOD.replace("  securityGroup: sg-0def", String.join("\n",
                        "  sshFrom: 10.0.0.0/16",
                        "  instanceProfile: builder",
                        "  rootVolume: {sizeGiB: 30, encrypted: true, kmsKeyId: alias/ami}"))
                .replace("bake:", String.join("\n",
                        "ssh:",
                        "  user: admin",
                        "  port: 2222",
                        "  sudo: false",
                        "  bastion: {host: bastion.internal, user: jump, hostKey: \"SHA256:abc\"}",
                        "waits: {poll: 250ms, image: 1h}",
                        "bake:"))
                .replace("  - run: echo hi", String.join("\n",
                        "  - name: node",
                        "    script: install.sh",
                        "    env: {KUBE: \"1.30\"}",
                        "  - name: files",
                        "    upload:",
                        "      - {from: install.sh, to: /opt/x.sh, mode: \"755\"}")));
        assertEquals(new SecurityGroupChoice.Temporary("10.0.0.0/16"), c.securityGroup());
        assertEquals(30, c.rootVolume().sizeGiB().getAsInt());
        assertEquals("alias/ami", c.rootVolume().kmsKeyId().orElseThrow());
        assertEquals(2222, c.ssh().port());
        assertEquals("jump", c.ssh().bastion().orElseThrow().user());
        assertEquals(22, c.ssh().bastion().orElseThrow().port());
        assertEquals(Duration.ofMillis(250), c.waits().poll());
        assertEquals(Duration.ofHours(1), c.waits().image());
        assertEquals(Duration.ofMinutes(10), c.waits().ssh(), "unset waits keep their defaults");
        BakeStep.Upload up = (BakeStep.Upload) c.bake().get(1);
        assertEquals("0755", up.files().get(0).mode());
        assertEquals(dir.resolve("install.sh"), ((BakeStep.Script) c.bake().get(0)).file());
    }
}
