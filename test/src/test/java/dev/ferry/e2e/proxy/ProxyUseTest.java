package dev.ferry.e2e.proxy;

import static dev.ferry.e2e.support.KopsFiles.KUBELET_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.ForwardProxy;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * sync, verify --public-url and bootstrap render all leave through the proxy the environment names, and go
 * direct to a NO_PROXY host: one HTTP client, configured once, for all three.
 */
class ProxyUseTest {
    static final byte[] KUBELET = TestLock.bytes(50_000, 7);

    @TempDir
    Path tmp;

    Upstream upstream;
    ForwardProxy proxy;

    @BeforeEach
    void start() throws IOException {
        upstream = Upstream.start();
        upstream.file(KUBELET_PATH, KUBELET).sha256Sidecar(KUBELET_PATH, TestLock.sha256(KUBELET));
        proxy = ForwardProxy.start();
    }

    @AfterEach
    void stop() {
        proxy.close();
        upstream.close();
    }

    Map<String, String> viaProxy() {
        return Map.of("HTTP_PROXY", proxy.url(), "HOME", tmp.toString());
    }

    Map<String, String> viaProxyExcept(String noProxy) {
        return Map.of("HTTP_PROXY", proxy.url(), "NO_PROXY", noProxy, "HOME", tmp.toString());
    }

    Cli.Result sync(Map<String, String> env, Path mirror) {
        Path lock = new TestLock().known(upstream.url(KUBELET_PATH), KUBELET).write(tmp.resolve("ferry.lock"));
        return Cli.run(env, List.of("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + mirror, "--cache",
                tmp.resolve("cache-" + mirror.getFileName()).toString(), "--retries", "0"));
    }

    @Test
    void syncDownloadsThroughTheProxyAndDirectForNoProxyHosts() {
        Cli.Result r = sync(viaProxy(), tmp.resolve("m1"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(proxy.seen().contains(upstream.url(KUBELET_PATH)), proxy.seen().toString());
        assertTrue(r.err().contains("downloads proxy " + proxy.url()), r.err());

        int before = proxy.seen().size();
        Cli.Result direct = sync(viaProxyExcept("127.0.0.1"), tmp.resolve("m2"));
        assertEquals(0, direct.exit(), direct.toString());
        assertEquals(before, proxy.seen().size(), "NO_PROXY host went direct: " + proxy.seen());
    }

    @Test
    void verifyReadsThePublicUrlThroughTheProxy() {
        Path mirror = tmp.resolve("m");
        assertEquals(0, sync(Map.of("HOME", tmp.toString()), mirror).exit());
        // the "public URL" is the upstream serving the same key layout: only the requests matter here
        String publicUrl = upstream.url("");
        Cli.Result r = Cli.run(viaProxy(), List.of("mirror", "verify", "--to", "file:" + mirror, "--public-url", publicUrl));
        assertTrue(proxy.seen().stream().anyMatch(u -> u.startsWith(publicUrl + "/")), r + "\nproxy saw " + proxy.seen());

        int before = proxy.seen().size();
        Cli.Result direct = Cli.run(viaProxyExcept("127.0.0.1"), List.of("mirror", "verify", "--to", "file:" + mirror, "--public-url", publicUrl));
        assertTrue(direct.out().contains("Checked 1 object"), direct.toString());
        assertEquals(before, proxy.seen().size(), "NO_PROXY host went direct: " + proxy.seen());
    }

    /** The lock with every pinned hash replaced by the upstream sidecar it names. */
    private static void unpin(Path lock) {
        dev.ferry.mirror.lock.Lock l = dev.ferry.mirror.lock.LockFile.read(lock);
        dev.ferry.mirror.lock.LockFile.write(new dev.ferry.mirror.lock.Lock(l.generatedBy(), l.layout(), l.selections(),
                l.assets().stream().map(a -> a.hash().upstreamSidecar().<dev.ferry.mirror.asset.Asset>map(a::withHash).orElse(a)).toList()), lock);
    }

    @Test
    void renderReadsSidecarsThroughTheProxy() {
        Path lock = tmp.resolve("plan.lock");
        assertEquals(0, Cli.run(List.of("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--arch", "amd64",
                "--lock-file", lock.toString())).exit());
        unpin(lock); // kOps's tables pin most files; a lock that pins nothing makes render read every sidecar
        String mirror = upstream.url("/kops");
        Cli.Result r = Cli.run(viaProxy(), List.of("bootstrap", "render", "--lock", lock.toString(), "--mirror", mirror, "--max-pods", "29"));
        assertTrue(proxy.seen().stream().anyMatch(u -> u.startsWith(mirror + "/") && u.endsWith(".sha256")), r + "\nproxy saw " + proxy.seen());

        int before = proxy.seen().size();
        Cli.run(viaProxyExcept("localhost,127.0.0.1"), List.of("bootstrap", "render", "--lock", lock.toString(), "--mirror", mirror,
                "--max-pods", "29"));
        assertEquals(before, proxy.seen().size(), "NO_PROXY host went direct: " + proxy.seen());
    }
}
