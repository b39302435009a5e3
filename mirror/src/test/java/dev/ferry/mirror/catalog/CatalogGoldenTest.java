package dev.ferry.mirror.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.layout.Layout;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalog must give exactly the files kOps itself downloads. */
class CatalogGoldenTest {
    private final Catalog catalog = Catalog.builtIn();

    private Resolution resolve(String kops, String k8s, List<Arch> arches, Networking net, Set<String> options) {
        return catalog.resolve(new CatalogRequest(Version.parse(kops, "kops"),
                Optional.ofNullable(k8s).map(v -> Version.parse(v, "k8s")), arches, net, options));
    }

    /** key (kops layout) → canonical URL, for exact comparison. */
    private static Map<String, String> keys(Resolution r, Layout layout) {
        return r.assets().stream().collect(Collectors.toMap(a -> a.key(layout), Asset::url, (a, b) -> a, TreeMap::new));
    }

    /**
     * Every file kOps downloads for both arches, as its canonical URL ({@code {arch}} stands for amd64 and
     * arm64); in the kops layout its key is the URL's path. kOps 1.34.0 and 1.34.1 still took the CNI plugins
     * from storage.googleapis.com (1.6.1); 1.34.2 moved to GitHub.
     */
    static Stream<Arguments> goldenFiles() {
        return Stream.of(
                Arguments.of("1.30.4", "1.30.0", List.of(
                        "https://dl.k8s.io/release/v1.30.0/bin/linux/{arch}/kubelet",
                        "https://dl.k8s.io/release/v1.30.0/bin/linux/{arch}/kubectl",
                        "https://artifacts.k8s.io/binaries/cloud-provider-aws/v1.27.1/linux/{arch}/ecr-credential-provider-linux-{arch}",
                        "https://storage.googleapis.com/k8s-artifacts-cni/release/v1.2.0/cni-plugins-linux-{arch}-v1.2.0.tgz",
                        "https://github.com/containerd/containerd/releases/download/v1.7.22/containerd-1.7.22-linux-{arch}.tar.gz",
                        "https://github.com/opencontainers/runc/releases/download/v1.1.14/runc.{arch}",
                        "https://github.com/containerd/nerdctl/releases/download/v1.7.4/nerdctl-1.7.4-linux-{arch}.tar.gz",
                        "https://github.com/kubernetes-sigs/cri-tools/releases/download/v1.29.0/crictl-v1.29.0-linux-{arch}.tar.gz",
                        "https://artifacts.k8s.io/binaries/kops/1.30.4/linux/{arch}/nodeup",
                        "https://artifacts.k8s.io/binaries/kops/1.30.4/linux/{arch}/protokube",
                        "https://artifacts.k8s.io/binaries/kops/1.30.4/linux/{arch}/channels")),
                Arguments.of("1.34.2", "1.32.0", List.of(
                        "https://dl.k8s.io/release/v1.32.0/bin/linux/{arch}/kubelet",
                        "https://dl.k8s.io/release/v1.32.0/bin/linux/{arch}/kubectl",
                        "https://artifacts.k8s.io/binaries/cloud-provider-aws/v1.31.7/linux/{arch}/ecr-credential-provider-linux-{arch}",
                        "https://github.com/containernetworking/plugins/releases/download/v1.6.2/cni-plugins-linux-{arch}-v1.6.2.tgz",
                        "https://github.com/containerd/containerd/releases/download/v2.1.5/containerd-2.1.5-linux-{arch}.tar.gz",
                        "https://github.com/opencontainers/runc/releases/download/v1.3.3/runc.{arch}",
                        "https://artifacts.k8s.io/binaries/kops/1.34.2/linux/{arch}/nodeup",
                        "https://artifacts.k8s.io/binaries/kops/1.34.2/linux/{arch}/protokube",
                        "https://artifacts.k8s.io/binaries/kops/1.34.2/linux/{arch}/channels")));
    }

    @ParameterizedTest(name = "kOps {0} with Kubernetes {1} gives exactly the files kOps downloads")
    @MethodSource("goldenFiles")
    void givesExactlyTheFilesKopsDownloads(String kops, String k8s, List<String> urlsPerArch) {
        Resolution r = resolve(kops, k8s, List.of(Arch.AMD64, Arch.ARM64), Networking.OTHER, Set.of());
        Map<String, String> expected = new TreeMap<>();
        for (String a : List.of("amd64", "arm64")) {
            for (String template : urlsPerArch) {
                String url = template.replace("{arch}", a);
                expected.put(url.substring(url.indexOf('/', "https://".length()) + 1), url);
            }
        }
        assertEquals(expected.size(), r.assets().size());
        assertEquals(expected, keys(r, Layout.KOPS));
        assertEquals("given", r.selection().kubernetesFrom());
        assertEquals(Layout.KOPS, r.layout());
    }

    @Test
    void kopsTablesPinTheirFilesAndTheRestComeFromSha256Sidecars() {
        Resolution r = resolve("1.30.4", "1.30.0", List.of(Arch.AMD64, Arch.ARM64), Networking.OTHER, Set.of());
        Map<String, String> pinned = r.assets().stream().filter(a -> a.hash() instanceof ExpectedHash.Known)
                .filter(a -> a.arch().equals(Optional.of(Arch.AMD64)))
                .collect(Collectors.toMap(a -> a.kind().name(), a -> ((ExpectedHash.Known) a.hash()).hash().hex()));
        assertEquals(Map.of(
                "kubelet", "32a32ec3d7e7f8b2648c9dd503ce9ef63b4af1d1677f5b5aed7846fb02d66f18",
                "kubectl", "7c3807c0f5c1b30110a2ff1e55da1d112a6d0096201f1beb81b269f582b5d1c5",
                "cni", "f3a841324845ca6bf0d4091b4fc7f97e18a623172158b72fc3fdcdb9d42d2d37",
                "containerd", "f8b2d935d1f86003f4e0c1af3b9f0d2820bacabe6dc9f562785b74af24c5e468",
                "runc", "a83c0804ebc16826829e7925626c4793da89a9b225bbcc468f2b338ea9f8e8a8",
                "crictl", "d16a1ffb3938f5a19d5c8f45d363bd091ef89c0bc4d44ad16b933eede32fdcbb"), pinned);
        for (Asset a : r.assets()) {
            if (a.hash() instanceof ExpectedHash.Known k) {
                assertEquals(Provenance.KOPS_ASSETDATA, k.provenance());
            } else {
                ExpectedHash.FromSidecar f = assertInstanceOf(ExpectedHash.FromSidecar.class, a.hash());
                assertEquals(HashAlgorithm.SHA256, f.algorithm());
            }
        }
        Asset runcArm = r.assets().stream().filter(a -> a.url().endsWith("runc.arm64")).findFirst().orElseThrow();
        assertEquals("https://github.com/opencontainers/runc/releases/download/v1.1.14/runc.sha256sum",
                runcArm.hash().upstreamSidecar().orElseThrow().url());
        Asset nodeup = r.assets().stream().filter(a -> a.kind().name().equals("nodeup")).findFirst().orElseThrow();
        assertEquals(List.of("https://artifacts.k8s.io/binaries/kops/1.30.4/linux/amd64/nodeup",
                "https://github.com/kubernetes/kops/releases/download/v1.30.4/nodeup-linux-amd64"), nodeup.sources());
    }

    @Test
    void kops1340WithKubernetes132HasItsOwnContainerdAndCni() {
        Map<String, String> k = keys(resolve("1.34.0", "1.32.0", List.of(Arch.AMD64), Networking.OTHER, Set.of()), Layout.KOPS);
        assertTrue(k.containsKey("containerd/containerd/releases/download/v2.1.4/containerd-2.1.4-linux-amd64.tar.gz"), k.toString());
        assertTrue(k.containsKey("opencontainers/runc/releases/download/v1.3.0/runc.amd64"), k.toString());
        assertEquals("https://storage.googleapis.com/k8s-artifacts-cni/release/v1.6.1/cni-plugins-linux-amd64-v1.6.1.tgz",
                k.get("k8s-artifacts-cni/release/v1.6.1/cni-plugins-linux-amd64-v1.6.1.tgz"));
    }

    @Test
    void kops134SkipsCniForAmazonVpcAndMakesNerdctlAndCrictlOptIn() {
        Resolution vpc = resolve("1.34.0", "1.32.0", List.of(Arch.AMD64), Networking.AMAZONVPC, Set.of("nerdctl", "crictl"));
        Set<String> kinds = vpc.assets().stream().map(a -> a.kind().name()).collect(Collectors.toSet());
        assertFalse(kinds.contains("cni"), kinds.toString());
        assertTrue(kinds.containsAll(Set.of("nerdctl", "crictl")), kinds.toString());
        // Before 1.32 kOps downloads the CNI plugins whatever the networking.
        Resolution old = resolve("1.31.0", "1.31.0", List.of(Arch.AMD64), Networking.AMAZONVPC, Set.of());
        assertTrue(old.assets().stream().anyMatch(a -> a.kind().name().equals("cni")));
    }

    @Test
    void versionWindowsOfProtokubeChannelsAndNodeupXz() {
        Set<String> k136 = kinds(resolve("1.36.0", "1.36.0", List.of(Arch.AMD64), Networking.OTHER, Set.of()));
        assertTrue(k136.contains("protokube") && !k136.contains("channels") && !k136.contains("nodeup-xz"), k136.toString());
        Set<String> k137 = kinds(resolve("1.37.0", "1.37.0", List.of(Arch.AMD64), Networking.OTHER, Set.of()));
        assertTrue(!k137.contains("protokube") && k137.contains("nodeup") && k137.contains("nodeup-xz"), k137.toString());
        Set<String> k128 = kinds(resolve("1.28.0", "1.28.0", List.of(Arch.AMD64), Networking.OTHER, Set.of()));
        assertFalse(k128.contains("nerdctl"), "nerdctl is downloaded from kOps 1.29");
    }

    @Test
    void kops126UsesTheOldKubernetesBucketAndOldCni() {
        Resolution r = resolve("1.26.5", "1.26.15", List.of(Arch.AMD64), Networking.OTHER, Set.of());
        Map<String, String> k = keys(r, Layout.KOPS);
        assertTrue(k.containsKey("kubernetes-release/release/v1.26.15/bin/linux/amd64/kubelet"), k.toString());
        assertTrue(k.containsKey("k8s-artifacts-cni/release/v0.9.1/cni-plugins-linux-amd64-v0.9.1.tgz"), k.toString());
        assertFalse(kinds(r).contains("ecr-credential-provider"));
    }

    @Test
    void imageSideLoadingAddsTarsSidecarsAndAmd64DockerTags() {
        Resolution r = resolve("1.30.4", "1.30.0", List.of(Arch.AMD64, Arch.ARM64), Networking.OTHER, Set.of("kube-image-tars", "kops-images"));
        Map<String, String> k = keys(r, Layout.KOPS);
        for (String a : List.of("amd64", "arm64")) {
            for (String img : List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler", "kube-proxy")) {
                assertTrue(k.containsKey("release/v1.30.0/bin/linux/" + a + "/" + img + ".tar"), img + " " + a);
            }
            for (String img : List.of("kops-utils-cp", "kops-controller", "dns-controller", "kube-apiserver-healthcheck")) {
                assertTrue(k.containsKey("binaries/kops/1.30.4/images/" + img + "-" + a + ".tar.gz"), img + " " + a);
            }
        }
        assertTrue(k.containsKey("release/v1.30.0/bin/linux/amd64/kube-apiserver.docker_tag"));
        assertFalse(k.containsKey("release/v1.30.0/bin/linux/arm64/kube-apiserver.docker_tag"), "docker_tag files are amd64 only");
        assertEquals(22 + 8 + 4 + 8, r.assets().size());
    }

    @Test
    void kops19InTheLegacyLayout() {
        Resolution r = resolve("1.9.0", "1.9.11", List.of(Arch.AMD64, Arch.ARM64), Networking.OTHER, Set.of());
        assertEquals(Layout.LEGACY, r.layout());
        Map<String, String> k = keys(r, Layout.LEGACY);
        String rel = "kubernetes/release/v1.9.11/bin/linux/amd64/";
        Map<String, String> expected = new TreeMap<>();
        String gcs = "https://storage.googleapis.com/kubernetes-release/release/v1.9.11/bin/linux/amd64/";
        for (String f : List.of("kubelet", "kubectl", "kube-apiserver.tar", "kube-controller-manager.tar", "kube-scheduler.tar",
                "kube-proxy.tar", "kube-apiserver.docker_tag", "kube-controller-manager.docker_tag", "kube-scheduler.docker_tag",
                "kube-proxy.docker_tag")) {
            expected.put(rel + f, gcs + f);
        }
        expected.put("kubernetes/network-plugins/cni-0799f5732f2a11b329d9e3d51b9c8f2e3759f2ff.tar.gz",
                "https://storage.googleapis.com/kubernetes-release/network-plugins/cni-0799f5732f2a11b329d9e3d51b9c8f2e3759f2ff.tar.gz");
        for (String f : List.of("linux/amd64/nodeup", "linux/amd64/utils.tar.gz", "images/protokube.tar.gz")) {
            expected.put("kops/1.9.0/" + f, "https://kubeupv2.s3.amazonaws.com/kops/1.9.0/" + f);
        }
        assertEquals(expected, k);
        for (Asset a : r.assets()) {
            if (a.hash() instanceof ExpectedHash.FromSidecar f) {
                assertEquals(HashAlgorithm.SHA1, f.algorithm(), a.url());
                assertEquals(a.url() + ".sha1", f.url());
            } else {
                ExpectedHash.Known known = (ExpectedHash.Known) a.hash();
                assertEquals("0799f5732f2a11b329d9e3d51b9c8f2e3759f2ff", known.hash().hex(), "the CNI file name carries its sha1");
            }
        }
        assertTrue(r.notes().isEmpty() || r.notes().stream().noneMatch(n -> n.contains("chosen")));
    }

    @Test
    void omittedKubernetesUsesTheLineRecommendationAndSaysSo() {
        Resolution r = resolve("1.30.4", null, List.of(Arch.AMD64), Networking.OTHER, Set.of());
        assertEquals("1.30.14", r.selection().kubernetes());
        assertTrue(r.selection().kubernetesFrom().contains("recommended"));
        assertTrue(r.notes().stream().anyMatch(n -> n.contains("1.30.14") && n.contains("--kubernetes")), r.notes().toString());
    }

    @Test
    void everyKnownLineResolvesWithoutMissingValues() {
        for (String line : catalog.knownLines()) {
            Resolution r = resolve(line + ".0", null, List.of(Arch.AMD64, Arch.ARM64), Networking.OTHER,
                    Set.of("kube-image-tars", "kops-images", "nerdctl", "crictl"));
            assertFalse(r.assets().isEmpty(), line);
            assertTrue(r.assets().stream().anyMatch(a -> a.kind().name().equals("nodeup")), line);
            assertTrue(r.assets().stream().anyMatch(a -> a.kind().name().equals("kubelet")), line);
        }
    }

    private static Set<String> kinds(Resolution r) {
        return r.assets().stream().map(a -> a.kind().name()).collect(Collectors.toSet());
    }
}
