package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.FerryProcess;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.SidecarFormat;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a network, or with a target that refuses, failures are said once per cause, each with a fix that fits it. */
class FailuresByCauseTest {
    @TempDir
    Path tmp;

    Path lock;
    int closed;

    /** Eight assets behind four causes: three hosts that do not resolve and a port nobody listens on. */
    @BeforeEach
    void offlineLock() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        byte[] x = TestLock.bytes(10, 1);
        lock = new TestLock()
                .known("https://dl.k8s.io.invalid/release/v1.30.0/bin/linux/amd64/kubelet", x)
                .known("https://dl.k8s.io.invalid/release/v1.30.0/bin/linux/amd64/kubectl", x)
                .known("https://dl.k8s.io.invalid/release/v1.30.0/bin/linux/arm64/kubelet", x)
                .known("https://github.com.invalid/containerd/containerd/releases/download/v1.7.22/containerd.tar.gz", x)
                .known("https://github.com.invalid/opencontainers/runc/releases/download/v1.1.14/runc.amd64", x)
                .fromSidecar("https://artifacts.k8s.io.invalid/binaries/kops/1.30.4/linux/amd64/nodeup",
                        "https://artifacts.k8s.io.invalid/binaries/kops/1.30.4/linux/amd64/nodeup.sha256", SidecarFormat.BARE)
                .known("http://127.0.0.1:" + closed + "/extra/a", x)
                .known("http://127.0.0.1:" + closed + "/extra/b", x)
                .write(tmp.resolve("ferry.lock"));
    }

    private Cli.Result sync(String... more) {
        return Cli.run(Cli.args(List.of("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + tmp.resolve("mirror"),
                "--cache", tmp.resolve("cache").toString(), "--retries", "0"), more));
    }

    @Test
    void withoutANetworkEachCauseIsOneLineWithAFixThatFitsIt() {
        Cli.Result r = sync();
        assertEquals(1, r.exit(), r.toString());
        List<String> err = r.err().lines().toList();
        assertTrue(err.contains("error: 8 of 8 assets failed; nothing was published"), r.err());
        assertEquals(1, count(err, "  unknown host dl.k8s.io.invalid: 3 assets (release/v1.30.0/bin/linux/amd64/kubelet, "), r.err());
        assertEquals(1, count(err, "  unknown host github.com.invalid: 2 assets ("), r.err());
        assertEquals(1, count(err, "  binaries/kops/1.30.4/linux/amd64/nodeup: cannot establish the expected hash"), r.err());
        assertEquals(1, count(err, "  connection refused by 127.0.0.1:" + closed + ": 2 assets (extra/a, extra/b)"), r.err());
        assertEquals(1, count(err, "    unknown host dl.k8s.io.invalid; unknown host github.com.invalid; unknown host artifacts.k8s.io.invalid:"
                + " this machine cannot resolve dl.k8s.io.invalid, github.com.invalid, artifacts.k8s.io.invalid: check DNS"), r.err());
        assertEquals(1, count(err, "    connection refused by 127.0.0.1:" + closed + ": check the network path to 127.0.0.1:" + closed), r.err());
        assertFalse(r.err().contains("pin") || r.err().contains("everything else is published"), "no fix for another cause: " + r.err());
        assertFalse(r.out().contains("failed  ") || r.out().contains("see below"), "no table row per failure: " + r.out());
        assertNoJavaNames(r);
        assertEquals(List.of(), List.of(tmp.resolve("mirror").toFile().list() == null ? new String[0] : tmp.resolve("mirror").toFile().list()));
    }

    @Test
    void everyFailureInFullWithVerboseAndInJson() {
        Cli.Result v = sync("-v");
        assertTrue(v.err().contains("  every failure:"), v.err());
        assertTrue(v.err().contains("    extra/b: http://127.0.0.1:" + closed + "/extra/b: connection refused by 127.0.0.1:" + closed), v.err());
        assertTrue(v.out().contains("failed  extra/b"), "with -v the table lists failures too: " + v.out());

        Cli.Result j = sync("--output", "json");
        Map<String, YamlNode> json = Yaml.parse(j.out(), "stdout").map("json");
        List<YamlNode> failures = json.get("failures").list("failures");
        assertEquals(8, failures.size());
        assertEquals("unknown host github.com.invalid", failures.get(3).map("f").get("cause").string("cause"));
        Map<String, YamlNode> summary = json.get("summary").map("summary");
        assertEquals(List.of("assets", "published", "skipped", "failed", "aclsSet", "unpinned", "bytes", "seconds"), List.copyOf(summary.keySet()));
        assertEquals("8", summary.get("failed").string("failed"));
        assertTrue(j.out().matches("(?s).*\"seconds\": \\d+(\\.\\d+)?\\s.*"), "seconds as a number: " + j.out());
    }

    @Test
    void packSaysEachCauseOnceAndWritesNoBundle() {
        Path bundle = tmp.resolve("b.tar.zst");
        Cli.Result r = Cli.run("mirror", "pack", "--lock", lock.toString(), "--bundle", bundle.toString(), "--cache", tmp.resolve("cache").toString(),
                "--retries", "0");
        assertEquals(1, r.exit(), r.toString());
        List<String> err = r.err().lines().toList();
        assertTrue(err.contains("error: 8 of 8 assets could not be fetched and verified, so no bundle was written"), r.err());
        assertEquals(1, count(err, "  unknown host dl.k8s.io.invalid: 3 assets"), r.err());
        assertEquals(1, count(err, "  connection refused by 127.0.0.1:" + closed + ": 2 assets"), r.err());
        assertTrue(err.stream().allMatch(l -> l.length() < 400), "no reason-per-asset line: " + r.err());
        assertFalse(Files.exists(bundle));
        assertNoJavaNames(r);
    }

    @Test
    void aFolderTargetThatIsAFileIsOneErrorBeforeAnyDownload() throws Exception {
        try (Upstream up = Upstream.start()) {
            byte[] a = TestLock.bytes(1000, 2);
            up.file("/r/a", a).file("/r/b", a);
            Path local = new TestLock().known(up.url("/r/a"), a).known(up.url("/r/b"), a).write(tmp.resolve("local.lock"));
            Path file = Files.writeString(tmp.resolve("not-a-folder"), "x");
            Cli.Result r = Cli.run("mirror", "sync", "--lock", local.toString(), "--to", "file:" + file, "--cache", tmp.resolve("cache").toString());
            assertEquals(1, r.exit(), r.toString());
            assertEquals(1, r.err().lines().filter(l -> l.startsWith("error:")).count(), r.err());
            assertTrue(r.err().contains("error: file:" + file + " is not a folder: " + file + " is a file; nothing was downloaded or published"), r.err());
            assertEquals(List.of(), up.requests(), "nothing was downloaded");
            assertNoJavaNames(r);
        }
    }

    @Test
    void anS3EndpointThatDoesNotResolveIsNamed() {
        System.setProperty("aws.accessKeyId", "ferry-test-key"); // credentials are looked for before the endpoint is
        System.setProperty("aws.secretAccessKey", "ferry-test-secret");
        Cli.Result r = Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "s3://mirror/kops", "--endpoint", "http://s3.ferry.invalid:9000",
                "--region", "us-east-1", "--cache", tmp.resolve("cache").toString());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("error: cannot reach s3://mirror/kops: the S3 endpoint s3.ferry.invalid could not be resolved"), r.err());
        assertNoJavaNames(r);
    }

    @Test
    void noAwsCredentialsIsOneLine() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path empty = Files.writeString(tmp.resolve("empty"), "");
        Path log = tmp.resolve("log");
        Process p = FerryProcess.start(List.of("-Daws.disableEc2Metadata=true"), List.of("mirror", "sync", "--lock", lock.toString(),
                "--to", "s3://mirror/kops", "--region", "cn-north-1", "--cache", tmp.resolve("cache").toString()),
                Map.of("HOME", home.toString(), "AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY", "", "AWS_SESSION_TOKEN", "",
                        "AWS_SHARED_CREDENTIALS_FILE", empty.toString(), "AWS_CONFIG_FILE", empty.toString(), "AWS_EC2_METADATA_DISABLED", "true",
                        "AWS_PROFILE", "", "AWS_WEB_IDENTITY_TOKEN_FILE", "", "AWS_CONTAINER_CREDENTIALS_FULL_URI", ""), log);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "ferry finished");
        String out = Files.readString(log);
        assertEquals(1, p.exitValue(), out);
        assertTrue(out.contains("error: cannot reach s3://mirror/kops: no AWS credentials found (checked: environment, profile, instance role)"), out);
        assertFalse(out.contains("Exception") || out.contains("software.amazon") || out.contains("Unable to load credentials from any"), out);
    }

    private static long count(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).count();
    }

    private static void assertNoJavaNames(Cli.Result r) {
        for (String name : List.of("Exception", "java.", "okhttp3", "software.amazon")) {
            assertFalse(r.out().contains(name) || r.err().contains(name), "no " + name + " in what the user reads: " + r);
        }
    }
}
