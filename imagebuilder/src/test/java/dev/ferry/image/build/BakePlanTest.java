package dev.ferry.image.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.image.config.BakeStep;
import dev.ferry.image.config.SshSettings;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BakePlanTest {
    @TempDir
    Path dir;

    static final SshSettings SSH = new SshSettings("admin", 22, Optional.empty(), true, "/var/tmp/ferry-bake", false);

    private static Asset asset(AssetKind kind, String version, String key) {
        Hash h = Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(key.getBytes(StandardCharsets.UTF_8)));
        return new Asset("https://upstream.example/" + key, Optional.of(Arch.AMD64), kind, version, Map.of(Layout.KOPS, key, Layout.LEGACY, key),
                new ExpectedHash.Known(h, Provenance.PINNED), List.of("https://upstream.example/" + key), OptionalLong.empty());
    }

    private Path lock() {
        Lock lock = new Lock("ferry test", Layout.KOPS,
                List.of(new Selection("1.30.4", "1.30.0", "given", List.of(Arch.AMD64), Networking.OTHER, Set.of())),
                List.of(asset(AssetKind.KUBELET, "1.30.0", "release/v1.30.0/bin/linux/amd64/kubelet"),
                        asset(AssetKind.CNI, "1.2.0", "k8s-artifacts-cni/release/v1.2.0/cni-plugins-linux-amd64-v1.2.0.tgz"),
                        asset(AssetKind.CONTAINERD, "1.7.22", "containerd/containerd/releases/download/v1.7.22/containerd-1.7.22-linux-amd64.tar.gz"),
                        asset(AssetKind.RUNC, "1.1.14", "opencontainers/runc/releases/download/v1.1.14/runc.amd64")));
        Path file = dir.resolve("ferry.lock");
        LockFile.write(lock, file);
        return file;
    }

    @Test
    void installStepCarriesFerrysRenderedScriptWithServicesLeftStopped() {
        BakeStep.Install step = new BakeStep.Install("node", "image.yaml:20", lock(),
                List.of("https://ferry-mirror.s3.cn-north-1.amazonaws.com.cn/kops"), Optional.empty(), List.of("amd64"), false,
                Map.of("HTTPS_PROXY", "http://proxy:3128"));
        BakePlan plan = BakePlan.of(List.of(step), SSH);
        BakePlan.Step s = plan.steps().get(0);
        assertEquals(2, s.files().size());
        BakePlan.RemoteFile script = s.files().get(0);
        assertEquals("/var/tmp/ferry-bake/01-node.install.sh", script.path());
        assertTrue(script.text().contains("'https://ferry-mirror.s3.cn-north-1.amazonaws.com.cn/kops'"), script.text());
        assertTrue(script.text().contains("START_SERVICES=0"), "an image, not a running node");
        assertTrue(script.text().contains(sha("release/v1.30.0/bin/linux/amd64/kubelet")), "every download is pinned by its sha256");
        assertTrue(s.runner().contains("export HTTPS_PROXY='http://proxy:3128'"), s.runner());
        assertTrue(s.runner().contains("exec bash '/var/tmp/ferry-bake/01-node.install.sh'"), s.runner());
        assertEquals("cd '/var/tmp/ferry-bake' && sudo -n bash '/var/tmp/ferry-bake/01-node.sh'", s.command());
        assertTrue(plan.render().contains("START_SERVICES=0"), "the dry run prints the rendered script");
    }

    @Test
    void installStepWithAnUnusableLockFailsBeforeAnythingIsLaunched() {
        BakeStep.Install step = new BakeStep.Install("node", "image.yaml:20", lock(), List.of("https://m.example/kops"),
                Optional.empty(), List.of("arm64"), false, Map.of());
        FerryException e = assertThrows(FerryException.class, () -> BakePlan.of(List.of(step), SSH));
        assertTrue(e.getMessage().startsWith("bake step 'node' (image.yaml:20): "), e.getMessage());
    }

    @Test
    void valuesThatReachTheShellAreQuoted() {
        BakeStep.Commands step = new BakeStep.Commands("x", "image.yaml:1", "echo \"$A\"", Map.of("A", "it's $(rm -rf /) `x`"));
        BakePlan plan = BakePlan.of(List.of(step), new SshSettings("admin", 22, Optional.empty(), false, "/tmp/it's here", false));
        assertTrue(plan.steps().get(0).runner().contains("export A='it'\\''s $(rm -rf /) `x`'"), plan.steps().get(0).runner());
        assertEquals("cd '/tmp/it'\\''s here' && bash '/tmp/it'\\''s here/01-x.sh'", plan.steps().get(0).command());
    }

    private static String sha(String key) {
        return Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(key.getBytes(StandardCharsets.UTF_8))).hex();
    }
}
