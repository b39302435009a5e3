package dev.ferry.bootstrap.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.error.NetworkFailure;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.progress.Progress;
import dev.ferry.progress.ProgressEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The render use case against mirrors on 127.0.0.1: hashes the lock does not pin come from sidecars, or the render fails by cause. */
class NodeUserDataTest {
    static final String RUNC_KEY = "opencontainers/runc/releases/download/v1.1.14/runc.amd64";
    static final String KUBECTL_KEY = "release/v1.30.0/bin/linux/amd64/kubectl";

    LocalMirror mirror;
    HttpClient http;

    @BeforeEach
    void setUp() throws IOException {
        mirror = new LocalMirror();
        http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Map.of()));
    }

    @AfterEach
    void tearDown() {
        http.close();
        mirror.close();
    }

    /** amd64 node files with kubectl (optional) to be read from the mirror's sidecars, and runc (required) too if asked. */
    static Lock lockWithUnpinned(AssetKind... alsoUnpinned) {
        List<Asset> assets = new ArrayList<>();
        for (Asset a : TestLocks.sample(Networking.OTHER).assets()) {
            if (!a.arch().equals(Optional.of(Arch.AMD64))) {
                continue;
            }
            boolean unpinned = a.kind().equals(AssetKind.RUNC) && List.of(alsoUnpinned).contains(AssetKind.RUNC);
            assets.add(unpinned ? TestLocks.sidecarOnly(AssetKind.RUNC, Arch.AMD64, "1.1.14", RUNC_KEY) : a);
        }
        assets.add(TestLocks.sidecarOnly(AssetKind.KUBECTL, Arch.AMD64, "1.30.0", KUBECTL_KEY));
        return TestLocks.lock(Networking.OTHER, assets);
    }

    private void sidecar(String prefix, String key, String content) {
        mirror.put(prefix + "/" + key + ".sha256", (TestLocks.sha256(content).hex() + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private UserData render(Lock lock, List<String> mirrors, List<String> said) {
        return new NodeUserData(http).render(lock, mirrors, RenderOptions.builder().maxPods(29).build(), Progress.root("render",
                e -> {
                    if (e instanceof ProgressEvent.Said s) {
                        said.add(s.text());
                    }
                }));
    }

    private static String deadMirror() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/kops";
        }
    }

    @Test
    void readsWhatTheLockDoesNotPinFromTheSidecarsOfTheFirstMirrorThatAnswers() throws IOException {
        sidecar("/good", RUNC_KEY, "runc-synced");
        sidecar("/good", KUBECTL_KEY, "kubectl-synced");
        List<String> said = new ArrayList<>();
        String dead = deadMirror();

        UserData ud = render(lockWithUnpinned(AssetKind.RUNC), List.of(dead, mirror.url("/good")), said);

        assertTrue(ud.text().contains(TestLocks.sha256("runc-synced").hex()));
        assertTrue(ud.text().contains(TestLocks.sha256("kubectl-synced").hex()), "the optional kubectl is in, with its hash");
        assertEquals(List.of("reading the sha256 of up to 2 file(s) the lock does not pin from the mirror's sidecars (" + dead + ")…"), said);
        assertEquals(1, mirror.requestsFor("/good/" + RUNC_KEY + ".sha256"));
    }

    @Test
    void anUnreachableMirrorFailsTheRenderWithTheUrlAndTheCause() throws IOException {
        String dead = deadMirror();
        MirrorUnreachable e = assertThrows(MirrorUnreachable.class,
                () -> render(lockWithUnpinned(AssetKind.RUNC), List.of(dead), new ArrayList<>()));
        assertEquals(FerryException.FAILED, e.exitCode());
        assertEquals(List.of("runc amd64", "kubectl amd64"), e.files());
        assertEquals(List.of(dead), List.copyOf(e.mirrors().keySet()));
        assertEquals(NetworkFailure.Kind.REFUSED, e.mirrors().get(dead).kind());
        assertTrue(e.getMessage().contains(dead + ": connection refused by 127.0.0.1:"), e.getMessage());
    }

    @Test
    void anUnreachableMirrorIsNotAFileToLeaveOut() throws IOException {
        // Before: exit 0, user-data without kubectl ("left out: no sha256 known at render time").
        String dead = deadMirror();
        MirrorUnreachable e = assertThrows(MirrorUnreachable.class, () -> render(lockWithUnpinned(), List.of(dead), new ArrayList<>()));
        assertEquals(List.of("kubectl amd64"), e.files());
    }

    @Test
    void aMissingSidecarIsTheMirrorsContentsNotItsNetwork() {
        NoHashAtRenderTime e = assertThrows(NoHashAtRenderTime.class,
                () -> render(lockWithUnpinned(AssetKind.RUNC), List.of(mirror.url("/empty")), new ArrayList<>()));
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        assertEquals(List.of("runc amd64 (" + RUNC_KEY + ")"), e.assets());
        assertEquals(mirror.url("/empty/") + RUNC_KEY + ".sha256: HTTP 404", e.sidecarProblems().get(0));

        // an optional file without a sidecar is left out, with a note: the mirror answered, it does not hold it
        UserData ud = render(lockWithUnpinned(), List.of(mirror.url("/empty")), new ArrayList<>());
        assertTrue(ud.notes().contains("kubectl for amd64 left out: no sha256 known at render time"), ud.notes().toString());
    }
}
