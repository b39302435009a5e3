package dev.ferry.test.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.cli.Ferry;
import dev.ferry.e2e.support.Containerd;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.serve.MirrorServer;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.serve.RegistryApi;
import dev.ferry.registry.support.NamedLayout;
import dev.ferry.registry.support.TestImages;
import dev.ferry.registry.support.TestImages.TestImage;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@code ferry bootstrap max-pods | render | eniconfig} through the CLI against local servers. */
class BootstrapCommandsTest {
    static final String TYPES = """
            {"InstanceTypes": [
              {"InstanceType": "m5.large", "Hypervisor": "nitro", "BareMetal": false, "VCpuInfo": {"DefaultVCpus": 2},
               "NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 10, "DefaultNetworkCardIndex": 0,
                               "NetworkCards": [{"NetworkCardIndex": 0, "MaximumNetworkInterfaces": 3}]}},
              {"InstanceType": "t3.medium", "Hypervisor": "nitro", "BareMetal": false, "VCpuInfo": {"DefaultVCpus": 2},
               "NetworkInfo": {"MaximumNetworkInterfaces": 3, "Ipv4AddressesPerInterface": 6}}
            ]}
            """;

    @TempDir
    Path dir;
    HttpServer server;
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final AtomicInteger ec2Calls = new AtomicInteger();

    record Run(int exit, String out, String err) {}

    Run ferry(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Ferry.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/mirror/", ex -> {
            byte[] body = objects.get(ex.getRequestURI().getPath());
            if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            }
            ex.close();
        });
        server.createContext("/", ex -> {
            ec2Calls.incrementAndGet();
            String form = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String xml = form.contains("InstanceType.1=t3.medium")
                    ? "<DescribeInstanceTypesResponse xmlns=\"http://ec2.amazonaws.com/doc/2016-11-15/\"><requestId>1</requestId><instanceTypeSet><item>"
                    + "<instanceType>t3.medium</instanceType><bareMetal>false</bareMetal><hypervisor>nitro</hypervisor>"
                    + "<vCpuInfo><defaultVCpus>2</defaultVCpus></vCpuInfo><networkInfo><maximumNetworkInterfaces>3</maximumNetworkInterfaces>"
                    + "<ipv4AddressesPerInterface>6</ipv4AddressesPerInterface></networkInfo></item></instanceTypeSet></DescribeInstanceTypesResponse>"
                    : "<Response><Errors><Error><Code>InvalidInstanceType</Code><Message>no</Message></Error></Errors><RequestID>2</RequestID></Response>";
            byte[] b = xml.getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(xml.startsWith("<Response>") ? 400 : 200, b.length);
            try (OutputStream o = ex.getResponseBody()) {
                o.write(b);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    Path typesFile() throws Exception {
        return Files.writeString(dir.resolve("types.json"), TYPES);
    }

    @Test
    void maxPodsFromTheDescribeInstanceTypesFile() throws Exception {
        Run r = ferry("bootstrap", "max-pods", "--instance-type", "m5.large", "--custom-networking",
                "--instance-types-file", typesFile().toString(), "--output", "json");
        assertEquals(0, r.exit(), r.err());
        Map<String, YamlNode> j = Yaml.parse(r.out(), "json").map("result");
        assertEquals("m5.large", j.get("instanceType").string("t"));
        assertEquals(20, j.get("maxPods").number("n"));
        assertEquals(20, j.get("uncapped").number("n"));
        assertEquals(2, j.get("enis").number("n"));
        assertEquals(10, j.get("ipv4PerEni").number("n"));
        assertEquals("custom-networking", j.get("mode").string("m"));
        assertEquals(110, j.get("cap").number("c"));

        Run text = ferry("bootstrap", "max-pods", "--instance-type", "m5.large,t3.medium", "--instance-types-file", typesFile().toString());
        assertEquals(0, text.exit(), text.err());
        assertTrue(text.out().contains("m5.large, default: 3 ENIs x (10 - 1) + 2 = 29"), text.out());
        assertTrue(text.out().contains("t3.medium, default: 3 ENIs x (6 - 1) + 2 = 17"), text.out());

        Run unknown = ferry("bootstrap", "max-pods", "--instance-type", "m5.xlarge", "--instance-types-file", typesFile().toString());
        assertEquals(2, unknown.exit());
        assertTrue(unknown.err().startsWith("error: instance type m5.xlarge is not in file " + dir.resolve("types.json")), unknown.err());
        assertTrue(unknown.err().contains("what to do:"));
    }

    @Test
    void maxPodsLiveFromEc2IsCachedPerRegion() {
        String keyProp = System.getProperty("aws.accessKeyId");
        String secretProp = System.getProperty("aws.secretAccessKey");
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        try {
            String[] args = {"bootstrap", "max-pods", "--instance-type", "t3.medium", "--region", "cn-northwest-1",
                    "--endpoint", base(), "--cache-dir", dir.resolve("cache").toString(), "--output", "json"};
            Run first = ferry(args);
            assertEquals(0, first.exit(), first.err());
            assertTrue(first.out().contains("\"maxPods\": 17"), first.out());
            Run second = ferry(args);
            assertEquals(0, second.exit(), second.err());
            assertEquals(1, ec2Calls.get(), "the second run reads the cache");
            assertTrue(Files.isRegularFile(dir.resolve("cache/cn-northwest-1/t3.medium.json")));
            Run unknown = ferry("bootstrap", "max-pods", "--instance-type", "m9.huge", "--region", "cn-northwest-1",
                    "--endpoint", base(), "--cache-dir", dir.resolve("cache").toString());
            assertEquals(2, unknown.exit());
            assertTrue(unknown.err().contains("m9.huge is not in EC2 DescribeInstanceTypes in cn-northwest-1"), unknown.err());
        } finally {
            restore("aws.accessKeyId", keyProp);
            restore("aws.secretAccessKey", secretProp);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }

    static Hash sha256(String s) {
        return Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A lock like `mirror plan` writes: a few pinned hashes, the rest to be read from sidecars. */
    Path lockFile(Networking networking) {
        List<Asset> assets = new ArrayList<>();
        String[][] rows = {{"containerd", "containerd/containerd/releases/download/v1.7.22/containerd-1.7.22-linux-amd64.tar.gz", "1.7.22"},
                {"runc", "opencontainers/runc/releases/download/v1.1.14/runc.amd64", "1.1.14"},
                {"cni", "k8s-artifacts-cni/release/v1.2.0/cni-plugins-linux-amd64-v1.2.0.tgz", "1.2.0"},
                {"kubelet", "release/v1.30.0/bin/linux/amd64/kubelet", "1.30.0"},
                {"kubectl", "release/v1.30.0/bin/linux/amd64/kubectl", "1.30.0"}};
        for (String[] row : rows) {
            String url = "https://upstream.example/" + row[1];
            boolean pinned = !row[0].equals("kubectl") && !row[0].equals("runc");
            ExpectedHash hash = pinned ? new ExpectedHash.Known(sha256(row[0]), Provenance.PINNED)
                    : new ExpectedHash.FromSidecar(url + ".sha256", SidecarFormat.BARE, HashAlgorithm.SHA256);
            assets.add(new Asset(url, Optional.of(Arch.AMD64), new AssetKind(row[0]), row[2], Map.of(Layout.KOPS, row[1], Layout.LEGACY, row[1]),
                    hash, List.of(url), OptionalLong.empty()));
            objects.put("/mirror/kops/" + row[1] + ".sha256", (sha256(row[0] + "-synced").hex() + "\n").getBytes(StandardCharsets.UTF_8));
        }
        Lock lock = new Lock("ferry test", Layout.KOPS,
                List.of(new Selection("1.30.4", "1.30.0", "given", List.of(Arch.AMD64), networking, Set.of())), assets);
        Path file = dir.resolve("ferry.lock");
        LockFile.write(lock, file);
        return file;
    }

    @Test
    void renderReadsMissingHashesFromTheMirrorSidecarsAndWritesTheFile() throws Exception {
        Path out = dir.resolve("user-data.yaml");
        Run r = ferry("bootstrap", "render", "--lock", lockFile(Networking.OTHER).toString(), "--mirror", base() + "/mirror/kops",
                "--instance-type", "m5.large", "--instance-types-file", typesFile().toString(), "--format", "cloud-init",
                "--registry-mirror", "docker.io=https://registry.example.cn", "-o", out.toString());
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.out(), "the user-data went to the file");
        String ud = Files.readString(out);
        assertTrue(ud.startsWith("#cloud-config\n"));
        assertTrue(ud.contains("MAX_PODS=29"), ud);
        assertTrue(ud.contains(sha256("containerd").hex()), "pinned hash from the lock");
        assertTrue(ud.contains(sha256("runc-synced").hex()), "hash read from the mirror's sidecar");
        assertTrue(ud.contains(sha256("kubectl-synced").hex()));
        assertTrue(r.err().contains("bytes of EC2's 16,384"), r.err());
        assertTrue(r.err().contains("kubelet maxPods 29 (m5.large, default: 3 ENIs x (10 - 1) + 2 = 29, cap 110 for 2 vCPUs)"), r.err());

        Run json = ferry("bootstrap", "render", "--lock", dir.resolve("ferry.lock").toString(), "--mirror", base() + "/mirror/kops",
                "--max-pods", "42", "--output", "json");
        assertEquals(0, json.exit(), json.err());
        Map<String, YamlNode> j = Yaml.parse(json.out(), "json").map("render");
        assertEquals("script", j.get("format").string("f"));
        assertEquals(42, j.get("maxPods").map("m").get("maxPods").number("n"));
        assertEquals(5, j.get("assets").list("assets").size());
        assertTrue(j.get("userData").string("u").startsWith("#!/bin/bash\n"));
    }

    @Test
    void renderRefusesWhatCannotWork() throws Exception {
        Path lock = lockFile(Networking.AMAZONVPC);
        Run noMaxPods = ferry("bootstrap", "render", "--lock", lock.toString(), "--mirror", base() + "/mirror/kops");
        assertEquals(2, noMaxPods.exit());
        assertTrue(noMaxPods.err().contains("with the Amazon VPC CNI kubelet needs a max-pods"), noMaxPods.err());

        Run badUrl = ferry("bootstrap", "render", "--lock", lock.toString(), "--mirror", "https://x.example/$(reboot)", "--max-pods", "20");
        assertEquals(2, badUrl.exit());
        assertTrue(badUrl.err().startsWith("error: mirror URL is not a plain http(s) URL"), badUrl.err());

        objects.clear();
        Run noSidecars = ferry("bootstrap", "render", "--lock", lock.toString(), "--mirror", base() + "/mirror/kops", "--max-pods", "20");
        assertEquals(2, noSidecars.exit());
        assertTrue(noSidecars.err().contains("no sha256 is known at render time for 1 asset(s): runc amd64"), noSidecars.err());
        assertTrue(noSidecars.err().contains("HTTP 404"), noSidecars.err());
    }

    @Test
    void eniconfigWritesTheConfigsAndTheAwsNodePatch() throws Exception {
        Path configs = dir.resolve("eniconfigs.yaml");
        Path patch = dir.resolve("aws-node-env.yaml");
        Run r = ferry("bootstrap", "eniconfig", "--subnet", "cn-north-1a=subnet-0123456789abcdef0", "--subnet", "cn-north-1b=subnet-0fedcba9876543210",
                "--security-group", "sg-0123456789abcdef0", "--prefix-delegation", "-o", configs.toString(), "--aws-node-patch", patch.toString());
        assertEquals(0, r.exit(), r.err());
        String yaml = Files.readString(configs);
        assertTrue(yaml.contains("kind: ENIConfig\nmetadata:\n  name: cn-north-1b\nspec:\n  subnet: subnet-0fedcba9876543210\n"), yaml);
        assertTrue(Files.readString(patch).contains("- name: ENABLE_PREFIX_DELEGATION\n              value: \"true\""));
        assertTrue(r.err().contains("kubectl -n kube-system patch daemonset aws-node --patch-file " + patch), r.err());

        Run bad = ferry("bootstrap", "eniconfig", "--subnet", "cn-north-1a=subnet-12", "--security-group", "sg-0123456789abcdef0");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().startsWith("error: 'subnet-12' is not a subnet ID (for cn-north-1a)"), bad.err());
        assertTrue(bad.err().contains("what to do:"));
    }

    @Test
    void eniconfigJsonWithoutFilesHoldsTheYamlAndNamesOnlyWrittenFiles() {
        Run r = ferry("bootstrap", "eniconfig", "--subnet", "cn-north-1a=subnet-0123456789abcdef0", "--output", "json");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("\"eniConfigYaml\": \"") && r.out().contains("kind: ENIConfig"), r.out());
        assertTrue(r.out().contains("\"eniConfigs\": null") && r.out().contains("\"awsNodePatch\": null"), r.out());
        assertFalse(r.out().contains("\"\""), "no empty strings stand for files: " + r.out());
        Run text = ferry("bootstrap", "eniconfig", "--subnet", "cn-north-1a=subnet-0123456789abcdef0");
        assertFalse(text.err().contains("kubectl apply -f eniconfigs.yaml"), "names no file that was not written: " + text.err());
    }

    @Test
    void maxPodsWithNoRegionAndNoFileUsesTheEmbeddedTable() {
        Run r = ferry("bootstrap", "max-pods", "--instance-type", "m5.large,t3.medium", "--custom-networking");
        assertEquals(0, r.exit(), r.err());
        assertTrue(r.out().contains("Limits from Ferry's embedded table (amazon-vpc-cni-k8s v1.23.1"), r.out());
        assertTrue(r.out().contains("days ago"), r.out());
        assertTrue(r.out().matches("(?s).*m5\\.large\\s+20\\s.*"), r.out());
        assertTrue(r.out().matches("(?s).*t3\\.medium\\s+12\\s.*"), r.out());
        assertEquals(0, ec2Calls.get(), "no EC2 call without --region");
        Run json = ferry("bootstrap", "max-pods", "--instance-type", "m5.large,m5.large", "--output", "json");
        assertTrue(json.out().trim().startsWith("["), "a list given, a list back: " + json.out());
    }

    @Test
    void renderWritesHostsTomlForAPlainHttpMirrorAndAHarborProject() throws Exception {
        Path root = hostsToml("registry.k8s.io=http://10.0.0.5:8080", "docker.io=https://harbor.example.cn/v2/dockerhub-proxy");
        Map<String, Map<String, String>> k8s = toml(root.resolve("registry.k8s.io/hosts.toml"));
        assertEquals(Map.of("server", "\"https://registry.k8s.io\""), k8s.get(""));
        assertEquals(Map.of("capabilities", "[\"pull\", \"resolve\"]"), k8s.get("host.\"http://10.0.0.5:8080\""),
                "plain HTTP, and no TLS keys: with skip_verify or ca containerd would try HTTPS first");
        Map<String, Map<String, String>> hub = toml(root.resolve("docker.io/hosts.toml"));
        assertEquals(Map.of("server", "\"https://registry-1.docker.io\""), hub.get(""));
        assertEquals(Map.of("capabilities", "[\"pull\", \"resolve\"]", "override_path", "true"),
                hub.get("host.\"https://harbor.example.cn/v2/dockerhub-proxy\""), "the path is the API root: containerd adds no /v2");
    }

    @Test
    void containerdPullsThroughTheRenderedHostsTomlFromFerryServe() throws Exception {
        TestImage pause = TestImages.generate(dir.resolve("src/pause"), false, 31, new int[] {90_000}, new int[] {80_000});
        TestImage calico = TestImages.generate(dir.resolve("src/calico"), true, 32, new int[] {70_000}, new int[] {60_000});
        NamedLayout.write(OciLayout.create(dir.resolve("served/images")),
                Map.of("registry.k8s.io/pause:3.10.1", pause, "docker.io/calico/node:v3.31.6", calico));
        List<String> log = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (MirrorServer serve = MirrorServer.start(new MirrorServer.Options(dir.resolve("served"), "127.0.0.1", 0, false, 4), log::add,
                Map.of(RegistryApi.CONTEXT, RegistryApi.over(dir.resolve("served"), log::add)));
             Containerd containerd = Containerd.start(dir.resolve("containerd"))) {
            Path hosts = hostsToml("registry.k8s.io=" + serve.url(), "docker.io=" + serve.url());
            List<String> through = List.of("--hosts-dir", hosts.toString(), "--snapshotter", "native");
            containerd.pull(through, "registry.k8s.io/pause:3.10.1");
            containerd.pull(through, "docker.io/calico/node:v3.31.6");
            assertEquals(pause.digest().toString(), containerd.digest("registry.k8s.io/pause:3.10.1"));
            assertEquals(calico.digest().toString(), containerd.digest("docker.io/calico/node:v3.31.6"));
            assertTrue(log.stream().anyMatch(l -> l.contains("/v2/calico/node/manifests/v3.31.6?ns=docker.io 200")), log.toString());
        }
    }

    /** Renders a node script with these {@code --registry-mirror}s and runs only its hosts.toml step; the certs.d folder. */
    Path hostsToml(String... mirrors) throws Exception {
        Path script = dir.resolve("node.sh");
        List<String> args = new ArrayList<>(List.of("bootstrap", "render", "--lock", lockFile(Networking.OTHER).toString(), "--mirror",
                base() + "/mirror/kops", "--max-pods", "29", "-o", script.toString()));
        for (String m : mirrors) {
            args.addAll(List.of("--registry-mirror", m));
        }
        Run r = ferry(args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        String text = Files.readString(script);
        assertTrue(text.endsWith("main \"$@\"\n"), "the script ends by running main");
        Files.writeString(script, text.substring(0, text.length() - "main \"$@\"\n".length()) + "registry_mirrors\n");
        Path root = Files.createDirectories(dir.resolve("node-" + System.nanoTime()));
        ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        pb.environment().put("FERRY_ROOT", root.toString());
        Process run = pb.start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, run.waitFor(), out);
        return root.resolve("etc/containerd/certs.d");
    }

    /** The tables of a hosts.toml (the top level under ""), each key to its value as written: the subset containerd's files use. */
    static Map<String, Map<String, String>> toml(Path file) throws Exception {
        Map<String, Map<String, String>> tables = new java.util.LinkedHashMap<>();
        String table = "";
        tables.put(table, new java.util.LinkedHashMap<>());
        for (String line : Files.readAllLines(file)) {
            String t = line.trim();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("[") && t.endsWith("]")) {
                table = t.substring(1, t.length() - 1);
                assertFalse(tables.containsKey(table), "table [" + table + "] twice in " + file);
                tables.put(table, new java.util.LinkedHashMap<>());
                continue;
            }
            int eq = t.indexOf(" = ");
            assertTrue(eq > 0, "not key = value: " + line);
            assertFalse(tables.get(table).containsKey(t.substring(0, eq)), "key twice: " + line);
            tables.get(table).put(t.substring(0, eq), t.substring(eq + 3));
        }
        return tables;
    }
}
