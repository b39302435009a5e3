package dev.ferry.bootstrap.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.lock.Lock;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UserDataRendererTest {
    static final UserDataRenderer RENDERER = new UserDataRenderer();
    static final List<String> MIRRORS = List.of("https://ferry-mirror.s3.cn-north-1.amazonaws.com.cn/kops", "http://10.0.0.5:8080/mirror/");

    @TempDir
    Path dir;

    @Test
    void defaultScriptInstallsEverythingAndPassesShellcheck() throws Exception {
        UserData ud = RENDERER.render(TestLocks.sample(Networking.OTHER), MIRRORS, RenderOptions.builder().maxPods(29)
                .registryMirrors(List.of(RegistryMirror.parse("docker.io=https://registry.example.cn"),
                        RegistryMirror.parse("registry.k8s.io=https://k8s-registry.example.cn/v2")))
                .build());
        String s = ud.text();
        assertTrue(s.startsWith("#!/bin/bash\n"), s);
        assertTrue(s.contains("MAX_PODS=29\n"));
        assertTrue(s.contains("INSTALL_CNI=1\n"));
        assertTrue(s.contains("'https://ferry-mirror.s3.cn-north-1.amazonaws.com.cn/kops'"));
        assertTrue(s.contains("'http://10.0.0.5:8080/mirror'"), "trailing slash dropped");
        assertTrue(s.contains("assets_amd64()") && s.contains("assets_arm64()"));
        assertTrue(s.contains("registry_mirror 'docker.io' 'https://registry-1.docker.io' 'https://registry.example.cn'"), s);
        assertFalse(s.contains("$!"), "no unrendered Velocity reference");
        assertEquals(8, ud.assets().size(), "containerd, runc, cni, kubelet for 2 arches: " + ud.assets());
        assertTrue(ud.bytes() < UserData.EC2_LIMIT_BYTES);
        ScriptTools.shellcheck(dir, s);
    }

    @Test
    void amazonVpcNetworkingLeavesCniToAwsNode() throws Exception {
        UserData ud = RENDERER.render(TestLocks.sample(Networking.AMAZONVPC), MIRRORS, RenderOptions.builder().maxPods(20).build());
        assertTrue(ud.text().contains("INSTALL_CNI=0\n"));
        assertTrue(ud.assets().stream().noneMatch(a -> a.kind().equals(AssetKind.CNI)));
        assertTrue(ud.notes().stream().anyMatch(n -> n.contains("Amazon VPC CNI")));
        ScriptTools.shellcheck(dir, ud.text());
    }

    @Test
    void amazonVpcCniWithoutMaxPodsIsRefusedExceptWhenBaking() {
        RenderRefused e = assertThrows(RenderRefused.class,
                () -> RENDERER.render(TestLocks.sample(Networking.AMAZONVPC), MIRRORS, RenderOptions.builder().build()));
        assertEquals(RenderRefused.Reason.MAX_PODS_NEEDED, e.reason());
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        UserData bake = RENDERER.render(TestLocks.sample(Networking.AMAZONVPC), MIRRORS, RenderOptions.builder().startServices(false).build());
        assertTrue(bake.text().contains("START_SERVICES=0\n"));
        assertTrue(bake.text().contains("MAX_PODS=''\n"));
    }

    @Test
    void optionalAssetsWithoutAHashAreLeftOutWithANote() {
        List<dev.ferry.mirror.asset.Asset> assets = new ArrayList<>(TestLocks.sample(Networking.OTHER).assets());
        assets.add(TestLocks.sidecarOnly(AssetKind.KUBECTL, Arch.AMD64, "1.30.0", "release/v1.30.0/bin/linux/amd64/kubectl"));
        UserData ud = RENDERER.render(TestLocks.lock(Networking.OTHER, assets), MIRRORS, RenderOptions.builder().arches(List.of(Arch.AMD64)).build());
        assertTrue(ud.notes().contains("kubectl for amd64 left out: no sha256 known at render time"), ud.notes().toString());
        assertFalse(ud.text().contains("kubectl"), "not in the script");
        assertFalse(ud.text().contains("assets_arm64"), "--arch amd64 only");
    }

    @Test
    void maxPodsIsComputedForTheInstanceTypeWithThePodNetworking() {
        dev.ferry.bootstrap.maxpods.InstanceTypeSource table = dev.ferry.bootstrap.maxpods.EmbeddedInstanceTypes.load(java.time.Clock.systemUTC());
        UserData ud = RENDERER.render(TestLocks.sample(Networking.OTHER), MIRRORS, RenderOptions.builder()
                .podNetworking(new dev.ferry.bootstrap.maxpods.PodNetworking(true, false)).maxPodsFor("m5.large", table, true).build());
        // m5.large: 3 ENIs with 10 addresses; custom networking leaves 2 ENIs for pods: 2 x 9 + 2
        assertEquals(java.util.OptionalInt.of(20), ud.maxPods());
        assertEquals("custom-networking", ud.computedMaxPods().orElseThrow().networking().mode());
        assertTrue(ud.text().contains("MAX_PODS=20\n"));
        assertTrue(ud.text().contains("INSTALL_CNI=0\n"), "custom networking is the Amazon VPC CNI's: it brings the CNI plugins");
    }

    @Test
    void kopsModeRefusesAMaxPodsNodeupSetsItself() {
        FerryException e = assertThrows(FerryException.class, () -> RenderOptions.builder().kops(true).maxPods(29).build());
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        assertTrue(e.hint().orElseThrow().contains("spec.kubelet.maxPods"), e.hint().toString());
    }

    @Test
    void kopsModeSetsNodeupUrlsAndHashes() throws Exception {
        UserData ud = RENDERER.render(TestLocks.sample(Networking.OTHER), MIRRORS, RenderOptions.builder().kops(true)
                .kopsKubeEnv("ClusterName: demo.k8s.local\nConfigBase: s3://state/demo\n").build());
        String s = ud.text();
        assertTrue(s.contains("export NODEUP_URL_AMD64='https://ferry-mirror.s3.cn-north-1.amazonaws.com.cn/kops/binaries/kops/1.30.4/linux/amd64/nodeup,"
                + "http://10.0.0.5:8080/mirror/binaries/kops/1.30.4/linux/amd64/nodeup'"), s);
        assertTrue(s.contains("export NODEUP_HASH_ARM64=" + TestLocks.sha256("nodeup").hex()));
        assertTrue(s.contains("ClusterName: demo.k8s.local"));
        assertEquals(2, ud.assets().size());
        ScriptTools.shellcheck(dir, s);
    }

    @Test
    void cloudInitWrapsTheScriptAndPassesTheSchema() throws Exception {
        UserData ud = RENDERER.render(TestLocks.sample(Networking.OTHER), MIRRORS,
                RenderOptions.builder().format(UserDataFormat.CLOUD_INIT).maxPods(58).build());
        assertTrue(ud.text().startsWith("#cloud-config\n"), ud.text());
        assertTrue(ud.text().contains("    MAX_PODS=58\n"));
        // The block scalar carries the script byte for byte.
        String script = RENDERER.render(TestLocks.sample(Networking.OTHER), MIRRORS, RenderOptions.builder().maxPods(58).build()).text();
        var file = dev.ferry.format.Yaml.parse(ud.text(), "cloud-config").map("cloud-config").get("write_files").list("write_files").get(0);
        assertEquals(script, file.map("file").get("content").string("content"));
        assertEquals("/var/lib/ferry/bootstrap.sh", file.map("file").get("path").string("path"));
        ScriptTools.cloudInitSchema(dir, ud.text());
    }

    @Test
    void unknownHashesAreRefusedAtRenderTime() {
        Lock lock = TestLocks.sample(Networking.OTHER);
        List<dev.ferry.mirror.asset.Asset> assets = new ArrayList<>(lock.assets());
        assets.set(0, TestLocks.sidecarOnly(AssetKind.KUBELET, Arch.AMD64, "1.30.0", "release/v1.30.0/bin/linux/amd64/kubelet"));
        Lock partial = new Lock(lock.generatedBy(), lock.layout(), lock.selections(), assets);
        NoHashAtRenderTime e = assertThrows(NoHashAtRenderTime.class, () -> RENDERER.render(partial, MIRRORS, RenderOptions.builder().build()));
        assertEquals(List.of("kubelet amd64 (release/v1.30.0/bin/linux/amd64/kubelet)"), e.assets());
        assertEquals(List.of(), e.sidecarProblems(), "no sidecar was read");
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        // A resolver (e.g. the mirror's sidecars) fills the gap.
        UserData ud = RENDERER.render(partial, MIRRORS, RenderOptions.builder()
                .hashes(AssetHashes.fromLock().orElse(a -> java.util.Optional.of(TestLocks.sha256("from-mirror")))).build());
        assertTrue(ud.text().contains(TestLocks.sha256("from-mirror").hex()));
    }

    @Test
    void missingArchOrKindIsAClearError() {
        RenderRefused e = assertThrows(RenderRefused.class, () -> RENDERER.render(
                TestLocks.lock(Networking.OTHER, TestLocks.sample(Networking.OTHER).assets().stream()
                        .filter(a -> !a.kind().equals(AssetKind.RUNC)).toList()), MIRRORS, RenderOptions.builder().build()));
        assertEquals(RenderRefused.Reason.NOT_IN_LOCK, e.reason());
        assertEquals(java.util.Optional.of(AssetKind.RUNC), e.kind());
        assertEquals(java.util.Optional.of(Arch.AMD64), e.arch());
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
    }

    @Test
    void refusesUserDataAboveSixteenKilobytes() {
        List<RegistryMirror> many = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            many.add(new RegistryMirror("registry" + i + ".example.com", "https://mirror-number-" + i + ".registry.example.cn/path/to/it"));
        }
        RenderRefused e = assertThrows(RenderRefused.class, () -> RENDERER.render(TestLocks.sample(Networking.OTHER), MIRRORS,
                RenderOptions.builder().registryMirrors(many).build()));
        assertEquals(RenderRefused.Reason.TOO_LARGE, e.reason());
    }

    @Test
    void badMirrorUrlsAreRefused() {
        for (String bad : List.of("https://x.example/$(id)", "https://x.example/`id`", "https://x.example/\"a", "https://x.example/a\nb",
                "ftp://x.example/", "x.example/kops", "https://x.example/a b", "https://x.example/'q'")) {
            FerryException e = assertThrows(FerryException.class,
                    () -> RENDERER.render(TestLocks.sample(Networking.OTHER), List.of(bad), RenderOptions.builder().build()), bad);
            assertTrue(e.getMessage().startsWith("mirror URL is not a plain http(s) URL"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"), "control characters are shown escaped");
        }
        assertThrows(FerryException.class, () -> RegistryMirror.parse("docker.io;rm -rf /=https://m.example"));
        assertThrows(FerryException.class, () -> RegistryMirror.parse("docker.io=https://m.example/$(reboot)"));
    }
}
