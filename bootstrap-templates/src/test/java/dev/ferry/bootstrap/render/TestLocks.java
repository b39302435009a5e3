package dev.ferry.bootstrap.render;

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
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/** Locks for tests: real asset shapes, with hashes of whatever bytes the test serves. */
final class TestLocks {
    private TestLocks() {}

    static Hash sha256(byte[] bytes) {
        return Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(bytes));
    }

    static Hash sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    static Asset asset(AssetKind kind, Arch arch, String version, String key, Hash hash) {
        String url = "https://upstream.example/" + key.replace(" ", "%20"); // a URL holds no space; the key may (hostile-key tests)
        return new Asset(url, Optional.of(arch), kind, version, Map.of(Layout.KOPS, key, Layout.LEGACY, "legacy/" + key),
                new ExpectedHash.Known(hash, Provenance.PINNED), List.of(url), OptionalLong.empty());
    }

    static Asset sidecarOnly(AssetKind kind, Arch arch, String version, String key) {
        String url = "https://upstream.example/" + key;
        return new Asset(url, Optional.of(arch), kind, version, Map.of(Layout.KOPS, key, Layout.LEGACY, "legacy/" + key),
                new ExpectedHash.FromSidecar(url + ".sha256", SidecarFormat.BARE, HashAlgorithm.SHA256), List.of(url), OptionalLong.empty());
    }

    static Lock lock(Networking networking, List<Asset> assets) {
        return new Lock("ferry test", Layout.KOPS,
                List.of(new Selection("1.30.4", "1.30.0", "given", List.of(Arch.AMD64, Arch.ARM64), networking, Set.of())), assets);
    }

    /** The node assets of kOps 1.30.4 / Kubernetes 1.30.0 for one arch, with the given hashes. */
    static List<Asset> nodeAssets(Arch arch, Hash containerd, Hash runc, Hash cni, Hash kubelet, Hash nodeup) {
        String a = arch.id();
        return List.of(
                asset(AssetKind.KUBELET, arch, "1.30.0", "release/v1.30.0/bin/linux/" + a + "/kubelet", kubelet),
                asset(AssetKind.CNI, arch, "1.2.0", "k8s-artifacts-cni/release/v1.2.0/cni-plugins-linux-" + a + "-v1.2.0.tgz", cni),
                asset(AssetKind.CONTAINERD, arch, "1.7.22", "containerd/containerd/releases/download/v1.7.22/containerd-1.7.22-linux-" + a + ".tar.gz", containerd),
                asset(AssetKind.RUNC, arch, "1.1.14", "opencontainers/runc/releases/download/v1.1.14/runc." + a, runc),
                asset(AssetKind.NODEUP, arch, "1.30.4", "binaries/kops/1.30.4/linux/" + a + "/nodeup", nodeup));
    }

    /** A lock with fixed made-up hashes for both arches: enough to render, not to run. */
    static Lock sample(Networking networking) {
        Hash h1 = sha256("containerd"), h2 = sha256("runc"), h3 = sha256("cni"), h4 = sha256("kubelet"), h5 = sha256("nodeup");
        List<Asset> all = new java.util.ArrayList<>(nodeAssets(Arch.AMD64, h1, h2, h3, h4, h5));
        all.addAll(nodeAssets(Arch.ARM64, h2, h1, h4, h3, h5));
        return lock(networking, all);
    }
}
