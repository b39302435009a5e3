package dev.ferry.image.build;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.format.Yaml;
import dev.ferry.image.config.ImageConfig;
import dev.ferry.image.config.ImageConfigFile;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Ec2Retry;
import dev.ferry.image.fake.FakeBuilder;
import dev.ferry.image.fake.FakeEc2;
import dev.ferry.progress.Progress;
import dev.ferry.progress.ProgressEvent;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/** A fake EC2, a real SSH server as the builder, and an image.yaml wired to both; one per test. */
final class BuildFixture implements AutoCloseable {
    static final String REGION = "cn-north-1";
    static final String SOURCE = "ami-0source0000000001";
    /** The temporary key of every test build: Ed25519, as a real build makes it. */
    static final KeyPair KEY = dev.ferry.image.ssh.KeyFiles.generate();
    /** For a user's RSA key file; generating 4096-bit keys per test would dominate the run time. */
    static final KeyPair RSA_KEY = dev.ferry.image.ssh.KeyFiles.rsa(2048);

    final Path dir;
    final Path remote;
    final Path out;
    final FakeEc2 ec2;
    final FakeBuilder builder;
    final List<String> info = Collections.synchronizedList(new ArrayList<>());
    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final List<String> output = Collections.synchronizedList(new ArrayList<>());
    final Progress progress = Progress.root("build", event -> {
        if (event instanceof ProgressEvent.Said said) {
            switch (said.level()) {
                case INFO -> {
                    info.add(said.text());
                    System.out.println(System.currentTimeMillis() % 100000 + " " + said.text());
                }
                case WARN -> warnings.add(said.text());
                case OUTPUT -> output.add("[" + said.task().description() + "] " + said.text());
            }
        }
    });

    BuildFixture(Path dir) throws Exception {
        this(dir, org.apache.sshd.common.keyprovider.KeyPairProvider.ECDSA_SHA2_NISTP256);
    }

    /** @param hostKeyType the builder's only host key type ({@code ssh-ed25519}, {@code ssh-dss}, ...) */
    BuildFixture(Path dir, String hostKeyType) throws Exception {
        this.dir = dir;
        this.remote = Files.createDirectories(dir.resolve("builder-home"));
        this.out = Files.createDirectories(dir.resolve("builder-root"));
        ec2 = new FakeEc2();
        ec2.addImage(REGION, SOURCE, "debian-12-amd64-20260101", "136693071363", "2026-01-01T00:00:00.000Z");
        ec2.addImage(REGION, "ami-0source0000000000", "debian-12-amd64-20250101", "136693071363", "2025-01-01T00:00:00.000Z");
        builder = new FakeBuilder(remote, line -> ec2.keyMaterial.values().stream().anyMatch(k -> FakeBuilder.sameKey(k, line)), false,
                hostKeyType);
        ec2.consoleOutput = FakeEc2.consoleWithFingerprints(builder.fingerprint());
    }

    /** A port where nothing listens: a builder whose SSH never comes up. */
    static int deadPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    String yaml(String bake) {
        return yaml(bake, "", builder.port());
    }

    String yaml(String bake, String extraImage, int sshPort) {
        return """
                region: cn-north-1
                source:
                  name: debian-12-amd64-*
                  owners: ["136693071363"]
                builder:
                  instanceType: m5.large
                  subnet: subnet-0abc
                  sshFrom: 10.0.0.0/16
                ssh:
                  user: admin
                  port: %d
                  sudo: false
                  workDir: %s
                variables:
                  kubernetes: 1.30.0
                tags:
                  team: platform
                image:
                  name: kops-node-{kubernetes}-{date}
                %s
                waits:
                  poll: 5ms
                  instanceRunning: 20s
                  consoleHostKeys: 300ms
                  ssh: 20s
                  sshConnect: 5s
                  step: 20s
                  instanceStopped: 20s
                  image: 20s
                  copy: 20s
                  instanceTerminated: 20s
                bake:
                %s
                """.formatted(sshPort, remote.resolve("ferry-bake"), extraImage.indent(2).stripTrailing(), bake.indent(2).stripTrailing());
    }

    ImageConfig config(String yaml) {
        return ImageConfigFile.parse(Yaml.parse(yaml, dir.resolve("image.yaml").toString()), dir);
    }

    Ec2Clients clients() {
        return Ec2Clients.aws(Optional.of(ec2.endpoint()), new Ec2Retry(4, Duration.ofMillis(1), Duration.ofMillis(5)),
                StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDFAKE", "fake-secret")));
    }

    BuildResult build(ImageConfig cfg, BuildOptions options) {
        try (Ec2Clients clients = clients()) {
            return new ImageBuild(cfg, clients, options, progress).run();
        }
    }

    BuildResult build(ImageConfig cfg) {
        return build(cfg, options());
    }

    static BuildOptions options() {
        return new BuildOptions(false, false, () -> KEY, () -> Instant.parse("2026-11-22T01:02:03Z"));
    }

    /** A one-step bake that leaves {@code out/baked} on the builder. */
    String markerBake() {
        return "- name: mark\n  run: touch '" + out.resolve("baked") + "'\n";
    }

    /** A build of the {@link #markerBake() marker bake} with the fixture's options. */
    BuildResult buildMarkerBake() {
        return build(config(yaml(markerBake())));
    }

    /** Cleanup after any outcome: builder terminated, temporary key pair and security group gone. */
    void assertCleanedUp() {
        assertTrue(ec2.liveInstances().isEmpty(), "every builder terminated: " + ec2.liveInstances());
        assertTrue(ec2.keyPairs.isEmpty(), "temporary key pair deleted: " + ec2.keyPairs.keySet());
        assertTrue(ec2.groups.isEmpty(), "temporary security group deleted: " + ec2.groups.keySet());
    }

    @Override
    public void close() throws Exception {
        builder.close();
        ec2.close();
    }
}
