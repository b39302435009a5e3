package dev.ferry.bootstrap.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs rendered user-data for real with bash against a mirror on 127.0.0.1: install paths under a temp
 * root (FERRY_ROOT), system steps logged instead of run (FERRY_SYSTEM_STUB). Checks what lands, with hashes.
 */
class SandboxRunTest {
    @TempDir
    Path dir;
    LocalMirror mirror;
    Path root;

    byte[] containerdTgz;
    byte[] cniTgz;
    final byte[] runc = "#!/bin/sh\necho runc 1.1.14\n".getBytes(StandardCharsets.UTF_8);
    final byte[] kubelet = "#!/bin/sh\necho kubelet v1.30.0\n".getBytes(StandardCharsets.UTF_8);
    final byte[] nodeup = ("#!/bin/sh\n{ echo \"nodeup $*\"; env | grep '^NODEUP_' | sort; } > \"$FERRY_ROOT/nodeup-ran\"\n")
            .getBytes(StandardCharsets.UTF_8);

    @BeforeEach
    void setUp() throws Exception {
        ScriptTools.assumeTool("curl", "curl");
        ScriptTools.assumeTool("sha256sum", "coreutils");
        mirror = new LocalMirror();
        root = Files.createDirectories(dir.resolve("root"));
        containerdTgz = tarball("containerd", Map.of("bin/containerd", "containerd 1.7.22", "bin/containerd-shim-runc-v2", "shim", "bin/ctr", "ctr"));
        cniTgz = tarball("cni", Map.of("bridge", "bridge plugin", "loopback", "loopback plugin", "host-local", "host-local plugin"));
    }

    @AfterEach
    void tearDown() {
        if (mirror != null) {
            mirror.close();
        }
    }

    private byte[] tarball(String name, Map<String, String> files) throws Exception {
        Path src = Files.createDirectories(dir.resolve("src-" + name));
        for (Map.Entry<String, String> e : files.entrySet()) {
            Path f = src.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        Path out = dir.resolve(name + ".tgz");
        ScriptTools.Result r = ScriptTools.run(src, Map.of(), "tar", "-czf", out.toString(), ".");
        assertEquals(0, r.exit(), r.output());
        return Files.readAllBytes(out);
    }

    private Lock lock() {
        return TestLocks.lock(Networking.OTHER, TestLocks.nodeAssets(Arch.AMD64, TestLocks.sha256(containerdTgz), TestLocks.sha256(runc),
                TestLocks.sha256(cniTgz), TestLocks.sha256(kubelet), TestLocks.sha256(nodeup)));
    }

    /** Puts every asset of the lock under {@code prefix} with the given bytes. */
    private void publish(String prefix, Lock lock, Map<AssetKind, byte[]> bytes) {
        for (Asset a : lock.assets()) {
            mirror.put(prefix + "/" + a.key(lock.layout()), bytes.get(a.kind()));
        }
    }

    private Map<AssetKind, byte[]> good() {
        return Map.of(AssetKind.CONTAINERD, containerdTgz, AssetKind.RUNC, runc, AssetKind.CNI, cniTgz, AssetKind.KUBELET, kubelet,
                AssetKind.NODEUP, nodeup);
    }

    private ScriptTools.Result runScript(String script) throws IOException, InterruptedException {
        return runScript(script, Map.of());
    }

    private ScriptTools.Result runScript(String script, Map<String, String> extraEnv) throws IOException, InterruptedException {
        Path f = dir.resolve("user-data.sh");
        Files.writeString(f, script);
        Map<String, String> env = new java.util.HashMap<>(Map.of("FERRY_ROOT", root.toString(), "FERRY_SYSTEM_STUB", "1", "FERRY_ARCH", "amd64"));
        env.putAll(extraEnv);
        return ScriptTools.run(dir, env, "bash", f.toString());
    }

    /**
     * A curl first on PATH that appends each URL it is asked for to {@code curlLog}, then runs the real curl: it counts
     * connection attempts, even to a port nothing listens on, where no server can count them.
     */
    private Map<String, String> countingCurl() throws IOException {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path shim = bin.resolve("curl");
        Files.writeString(shim, "#!/bin/sh\nfor a in \"$@\"; do url=\"$a\"; done\necho \"$url\" >> '" + curlLog() + "'\nexec '"
                + ScriptTools.which("curl") + "' \"$@\"\n");
        Files.setPosixFilePermissions(shim, PosixFilePermissions.fromString("rwxr-xr-x"));
        return Map.of("PATH", bin + ":" + System.getenv("PATH"));
    }

    private Path curlLog() {
        return dir.resolve("curl.log");
    }

    private long curlCallsTo(String urlPrefix) throws IOException {
        if (!Files.exists(curlLog())) {
            return 0;
        }
        return Files.readAllLines(curlLog()).stream().filter(u -> u.startsWith(urlPrefix)).count();
    }

    private String kubeletKey(Lock lock) {
        return lock.assets().stream().filter(a -> a.kind().equals(AssetKind.KUBELET)).findFirst().orElseThrow().key(lock.layout());
    }

    private Hash hashOf(String path) throws IOException {
        return TestLocks.sha256(Files.readAllBytes(root.resolve(path)));
    }

    @Test
    void installsFromTheSecondMirrorWhenTheFirstIsDownAndEveryFileHasItsHash() throws Exception {
        Lock lock = lock();
        publish("/good", lock, good());
        UserData ud = new UserDataRenderer().render(lock, List.of(mirror.url("/down"), mirror.url("/good")), RenderOptions.builder()
                .maxPods(29).attemptsPerMirror(2).retryDelaySeconds(0)
                .registryMirrors(List.of(RegistryMirror.parse("docker.io=https://registry.example.cn"))).build());

        ScriptTools.Result r = runScript(ud.text());

        assertEquals(0, r.exit(), r.output());
        assertEquals(TestLocks.sha256(runc), hashOf("usr/local/sbin/runc"));
        assertEquals(TestLocks.sha256(kubelet), hashOf("usr/local/bin/kubelet"));
        assertEquals(TestLocks.sha256("containerd 1.7.22"), hashOf("usr/local/bin/containerd"));
        assertEquals(TestLocks.sha256("bridge plugin"), hashOf("opt/cni/bin/bridge"));
        assertTrue(Files.isExecutable(root.resolve("usr/local/bin/kubelet")));
        assertEquals("FERRY_KUBELET_ARGS=--container-runtime-endpoint=unix:///run/containerd/containerd.sock --max-pods=29\n",
                Files.readString(root.resolve("etc/kubernetes/ferry-kubelet.env")));
        assertEquals("server = \"https://registry-1.docker.io\"\n\n[host.\"https://registry.example.cn\"]\n  capabilities = [\"pull\", \"resolve\"]\n",
                Files.readString(root.resolve("etc/containerd/certs.d/docker.io/hosts.toml")));
        assertEquals("""
                version = 2
                [plugins."io.containerd.grpc.v1.cri".registry]
                  config_path = "/etc/containerd/certs.d"
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
                  runtime_type = "io.containerd.runc.v2"
                [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
                  SystemdCgroup = true
                """, Files.readString(root.resolve("etc/containerd/config.toml")), "containerd 1.x reads config version 2");
        assertTrue(r.output().contains("ferry-bootstrap: stub: systemctl enable --now kubelet"), r.output());
        // The first mirror answers 404: one request per file, no second attempt at it, then the next mirror.
        assertEquals(1, mirror.requestsFor("/down/" + kubeletKey(lock)));
        assertEquals(1, mirror.requestsFor("/good/" + kubeletKey(lock)));

        // A second run (a baked image booting) uses the verified cache and downloads nothing.
        int before = mirror.requests.size();
        ScriptTools.Result again = runScript(ud.text());
        assertEquals(0, again.exit(), again.output());
        assertEquals(before, mirror.requests.size(), "nothing downloaded twice");
        assertTrue(again.output().contains("kubelet: already here, sha256 verified"));
    }

    @Test
    void containerdTwoGetsConfigVersionThree() throws Exception {
        List<Asset> assets = new ArrayList<>();
        for (Asset a : lock().assets()) {
            assets.add(a.kind().equals(AssetKind.CONTAINERD)
                    ? TestLocks.asset(AssetKind.CONTAINERD, Arch.AMD64, "2.0.0", a.key(Layout.KOPS), TestLocks.sha256(containerdTgz)) : a);
        }
        Lock lock = TestLocks.lock(Networking.OTHER, assets);
        publish("/good", lock, good());
        UserData ud = new UserDataRenderer().render(lock, List.of(mirror.url("/good")), RenderOptions.builder().maxPods(29).build());

        ScriptTools.Result r = runScript(ud.text());

        assertEquals(0, r.exit(), r.output());
        String toml = Files.readString(root.resolve("etc/containerd/config.toml"));
        assertTrue(toml.startsWith("version = 3\n[plugins.\"io.containerd.cri.v1.images\".registry]\n"), toml);
        assertTrue(toml.contains("[plugins.\"io.containerd.cri.v1.runtime\".containerd.runtimes.runc.options]\n  SystemdCgroup = true\n"), toml);
    }

    @Test
    void aMirrorThatRefusesConnectionsIsTriedOnceForTheWholeBoot() throws Exception {
        Lock lock = lock();
        publish("/good", lock, good());
        String dead = "http://127.0.0.1:" + closedPort() + "/kops";
        UserData ud = new UserDataRenderer().render(lock, List.of(dead, mirror.url("/good")),
                RenderOptions.builder().maxPods(29).attemptsPerMirror(3).retryDelaySeconds(1).build());

        ScriptTools.Result r = runScript(ud.text(), countingCurl());

        assertEquals(0, r.exit(), r.output());
        int files = ud.assets().size();
        assertEquals(4, files, "containerd, runc, cni, kubelet");
        // Before: 3 attempts per file, each with a pause; now one connection attempt for the whole boot.
        assertEquals(1, curlCallsTo(dead + "/"), r.output());
        assertEquals(files, curlCallsTo(mirror.url("/good/")));
        assertTrue(r.output().contains("no connection to " + dead + "; skipping it for the rest of this boot"), r.output());
        assertEquals(files - 1, r.output().lines().filter(l -> l.contains("skipping " + dead + " (no connection")).count(), r.output());
        assertFalse(r.output().contains("download failed from " + dead), "no retry of a refused connection: " + r.output());
    }

    @Test
    void aMirrorThatTimesOutConnectingIsSkippedToo() throws Exception {
        Lock lock = lock();
        publish("/good", lock, good());
        // A listener whose accept queue is full: the kernel drops further SYNs, so a connect hangs until its timeout.
        try (java.net.ServerSocket full = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress());
             AutoCloseable filled = fillAcceptQueue(full.getLocalPort())) {
            String stuck = "http://127.0.0.1:" + full.getLocalPort() + "/kops";
            UserData ud = new UserDataRenderer().render(lock, List.of(stuck, mirror.url("/good")),
                    RenderOptions.builder().maxPods(29).attemptsPerMirror(3).retryDelaySeconds(1).build());

            Map<String, String> env = new java.util.HashMap<>(countingCurl());
            env.put("FERRY_CONNECT_TIMEOUT", "1");
            ScriptTools.Result r = runScript(ud.text(), env);

            assertEquals(0, r.exit(), r.output());
            assertEquals(1, curlCallsTo(stuck + "/"), r.output());
            assertTrue(r.output().contains("no connection to " + stuck + "; skipping it for the rest of this boot"), r.output());
        }
    }

    @Test
    void aServerErrorIsRetriedAndAMissingFileIsNot() throws Exception {
        Lock lock = lock();
        publish("/good", lock, good());
        mirror.failWith("/busy/", 503);
        UserData ud = new UserDataRenderer().render(lock, List.of(mirror.url("/missing"), mirror.url("/busy"), mirror.url("/good")),
                RenderOptions.builder().maxPods(29).attemptsPerMirror(2).retryDelaySeconds(0).build());

        ScriptTools.Result r = runScript(ud.text());

        assertEquals(0, r.exit(), r.output());
        int files = ud.assets().size();
        assertEquals(files, mirror.requestsUnder("/missing/"), "a 404 is asked once per file");
        assertEquals(2L * files, mirror.requestsUnder("/busy/"), "a 503 gets its bounded attempts");
        assertTrue(r.output().contains("kubelet: HTTP 404 from " + mirror.url("/missing/") + kubeletKey(lock) + "; not retried"), r.output());
        assertTrue(r.output().contains("kubelet: download failed from " + mirror.url("/busy/") + kubeletKey(lock) + " (attempt 1 of 2)"),
                r.output());
    }

    /** A port nothing listens on: connections to it are refused. */
    private static int closedPort() throws IOException {
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Connects to {@code port} until a connect no longer completes: from then on the listener's accept queue is full. */
    private static AutoCloseable fillAcceptQueue(int port) throws IOException {
        List<java.net.Socket> held = new ArrayList<>();
        for (int i = 0; i < 64; i++) {
            java.net.Socket s = new java.net.Socket();
            try {
                s.connect(new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), port), 300);
                held.add(s);
            } catch (java.net.SocketTimeoutException full) {
                s.close();
                return () -> {
                    for (java.net.Socket h : held) {
                        h.close();
                    }
                };
            }
        }
        throw new IllegalStateException("the accept queue of port " + port + " never filled");
    }

    @Test
    void aCorruptedMirrorObjectStopsTheNodeWithAClearLogLine() throws Exception {
        Lock lock = lock();
        Map<AssetKind, byte[]> corrupt = new java.util.HashMap<>(good());
        byte[] bad = kubelet.clone();
        bad[bad.length - 2] ^= 1;
        corrupt.put(AssetKind.KUBELET, bad);
        publish("/m1", lock, corrupt);
        publish("/m2", lock, corrupt);
        UserData ud = new UserDataRenderer().render(lock, List.of(mirror.url("/m1"), mirror.url("/m2")),
                RenderOptions.builder().maxPods(29).retryDelaySeconds(0).build());

        ScriptTools.Result r = runScript(ud.text());

        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("kubelet: sha256 mismatch for " + mirror.url("/m1/")), r.output());
        assertTrue(r.output().contains("ferry-bootstrap: FAILED: kubelet: no mirror served release/v1.30.0/bin/linux/amd64/kubelet with sha256 "
                + TestLocks.sha256(kubelet).hex()), r.output());
        assertFalse(Files.exists(root.resolve("usr/local/bin/kubelet")), "the bad file was not installed");
        assertFalse(Files.exists(root.resolve("var/cache/ferry/" + TestLocks.sha256(kubelet).hex())), "nor cached");
        assertFalse(r.output().contains("systemctl enable"), "nothing started after the failure");
        // A mismatch is not retried against the same mirror: the object will not fix itself.
        String key = "/m1/release/v1.30.0/bin/linux/amd64/kubelet";
        assertEquals(1, mirror.requestsFor(key));
    }

    @Test
    void aNodeOfAnArchTheUserDataDoesNotHoldStopsBeforeDownloading() throws Exception {
        Lock lock = lock();
        publish("/good", lock, good());
        UserData ud = new UserDataRenderer().render(lock, List.of(mirror.url("/good")), RenderOptions.builder().build());
        Path f = dir.resolve("user-data.sh");
        Files.writeString(f, ud.text());
        ScriptTools.Result r = ScriptTools.run(dir, Map.of("FERRY_ROOT", root.toString(), "FERRY_SYSTEM_STUB", "1", "FERRY_ARCH", "aarch64"),
                "bash", f.toString());
        assertEquals(1, r.exit(), r.output());
        assertTrue(r.output().contains("ferry-bootstrap: FAILED: this user-data holds no files for arm64; render it with --arch arm64"), r.output());
        assertTrue(mirror.requests.isEmpty(), "nothing downloaded");
    }

    @Test
    void aCorruptedFirstMirrorFallsBackToAGoodSecond() throws Exception {
        Lock lock = lock();
        Map<AssetKind, byte[]> corrupt = new java.util.HashMap<>(good());
        corrupt.put(AssetKind.RUNC, "tampered".getBytes(StandardCharsets.UTF_8));
        publish("/m1", lock, corrupt);
        publish("/m2", lock, good());
        UserData ud = new UserDataRenderer().render(lock, List.of(mirror.url("/m1"), mirror.url("/m2")),
                RenderOptions.builder().retryDelaySeconds(0).build());
        ScriptTools.Result r = runScript(ud.text());
        assertEquals(0, r.exit(), r.output());
        assertEquals(TestLocks.sha256(runc), hashOf("usr/local/sbin/runc"));
        assertTrue(r.output().contains("runc: sha256 mismatch"));
    }

    @Test
    void kopsModeVerifiesNodeupAndHandsOverWithTheMirrorEnvironment() throws Exception {
        Lock lock = lock();
        publish("/good", lock, good());
        String kubeEnv = "ClusterName: demo.k8s.local\nConfigBase: s3://state/demo\n";
        UserData ud = new UserDataRenderer().render(lock, List.of(mirror.url("/good")),
                RenderOptions.builder().kops(true).kopsKubeEnv(kubeEnv).retryDelaySeconds(0).build());
        ScriptTools.Result r = runScript(ud.text());
        assertEquals(0, r.exit(), r.output());
        assertEquals(TestLocks.sha256(nodeup), hashOf("opt/kops/bin/nodeup"));
        assertEquals(kubeEnv, Files.readString(root.resolve("opt/kops/conf/kube_env.yaml")));
        String ran = Files.readString(root.resolve("nodeup-ran"));
        assertTrue(ran.startsWith("nodeup --install-systemd-unit --conf=" + root + "/opt/kops/conf/kube_env.yaml --v=8\n"), ran);
        assertTrue(ran.contains("NODEUP_HASH_AMD64=" + TestLocks.sha256(nodeup).hex()), ran);
        assertTrue(ran.contains("NODEUP_URL_AMD64=" + mirror.url("/good/binaries/kops/1.30.4/linux/amd64/nodeup")), ran);
        assertFalse(Files.exists(root.resolve("usr/local/bin/kubelet")), "kOps mode leaves the rest to nodeup");
    }

    @Test
    void hostileValuesInTheLockAndKubeEnvStayText() throws Exception {
        String[] hostile = {"$(touch PWNED1)", "`touch PWNED2`", "';touch PWNED3;'", "\";touch PWNED4;\"", "${IFS}$(touch${IFS}PWNED5)"};
        int run = 0;
        List<String> scripts = new ArrayList<>();
        for (String h : hostile) {
            String kubeEnv = "ClusterName: " + h + "\nFERRY_KUBE_ENV\n" + h + "\n";
            // (a) a hostile mirror key: it may not download, but nothing executes and the failure is the clean log line
            // (b) a plain key with a hostile kube_env: the node runs through and nodeup reads the bytes as given
            for (String key : List.of("binaries/kops/" + h + "/nodeup", "binaries/kops/1.30.4/linux/amd64/nodeup")) {
                // Different bytes each run, so the verified cache of an earlier run does not stand in for the download.
                byte[] content = ("#!/bin/sh\necho nodeup " + run++ + "\n").getBytes(StandardCharsets.UTF_8);
                Lock lock = TestLocks.lock(Networking.OTHER,
                        List.of(TestLocks.asset(AssetKind.NODEUP, Arch.AMD64, "1.30.4", key, TestLocks.sha256(content))));
                UserData ud = new UserDataRenderer().render(lock, List.of(mirror.url("/m")),
                        RenderOptions.builder().kops(true).kopsKubeEnv(kubeEnv).attemptsPerMirror(1).retryDelaySeconds(0).build());
                scripts.add(ud.text());
                mirror.put("/m/" + key, content);
                ScriptTools.Result r = runScript(ud.text());
                System.out.println("hostile value " + h + " in key " + key + ": script exit " + r.exit());
                try (var files = Files.walk(dir)) {
                    List<String> pwned = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("PWNED")).toList();
                    assertTrue(pwned.isEmpty(), "executed: " + pwned + "\n" + r.output());
                }
                if (key.contains(h)) {
                    assertTrue(r.exit() == 0 || r.output().contains("ferry-bootstrap: FAILED: nodeup: no mirror served"), r.output());
                } else {
                    assertEquals(0, r.exit(), r.output());
                    assertEquals(kubeEnv, Files.readString(root.resolve("opt/kops/conf/kube_env.yaml")), "the value travelled as text");
                }
            }
        }
        ScriptTools.shellcheck(dir, scripts);
    }
}
