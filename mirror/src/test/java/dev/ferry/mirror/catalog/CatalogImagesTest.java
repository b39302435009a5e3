package dev.ferry.mirror.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The images plan lists: what a request's networking and DNS mode change, where each comes from, and bad data. */
class CatalogImagesTest {
    private final Catalog catalog = Catalog.builtIn();

    private static Resolution resolve(Catalog c, String kops, String k8s, Networking net, Optional<DnsMode> dns) {
        return c.resolve(new CatalogRequest(Version.parse(kops, "kops"), Optional.of(Version.parse(k8s, "k8s")),
                List.of(Arch.AMD64, Arch.ARM64), net, Set.of(), dns));
    }

    private Resolution resolve(String kops, String k8s, Networking net, Optional<DnsMode> dns) {
        return resolve(catalog, kops, k8s, net, dns);
    }

    private static List<String> references(Resolution r) {
        return r.images().stream().map(PlannedImage::reference).toList();
    }

    @Test
    void kops1304WithKubernetes1300PullsTheseImagesWithRoute53() {
        Resolution r = resolve("1.30.4", "1.30.0", Networking.OTHER, Optional.of(DnsMode.ROUTE53));
        assertEquals(List.of(
                "public.ecr.aws/aws-ec2/aws-node-termination-handler:v1.22.0",
                "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.33.0",
                "public.ecr.aws/ebs-csi-driver/volume-modifier-for-k8s:v0.3.0",
                "public.ecr.aws/eks-distro/kubernetes-csi/external-attacher:v4.6.1-eks-1-30-10",
                "public.ecr.aws/eks-distro/kubernetes-csi/external-provisioner:v5.0.1-eks-1-30-10",
                "public.ecr.aws/eks-distro/kubernetes-csi/external-resizer:v1.11.1-eks-1-30-10",
                "public.ecr.aws/eks-distro/kubernetes-csi/livenessprobe:v2.13.0-eks-1-30-10",
                "public.ecr.aws/eks-distro/kubernetes-csi/node-driver-registrar:v2.11.0-eks-1-30-10",
                "registry.k8s.io/coredns/coredns:v1.11.3",
                "registry.k8s.io/cpa/cluster-proportional-autoscaler:v1.8.9",
                "registry.k8s.io/etcd:3.4.13-0",
                "registry.k8s.io/etcd:3.5.13-0",
                "registry.k8s.io/etcdadm/etcd-manager-slim:v3.0.20230925",
                "registry.k8s.io/kops/dns-controller:1.30.4",
                "registry.k8s.io/kops/kops-controller:1.30.4",
                "registry.k8s.io/kops/kops-utils-cp:1.30.4",
                "registry.k8s.io/kops/kube-apiserver-healthcheck:1.30.4",
                "registry.k8s.io/kube-apiserver:v1.30.0",
                "registry.k8s.io/kube-controller-manager:v1.30.0",
                "registry.k8s.io/kube-proxy:v1.30.0",
                "registry.k8s.io/kube-scheduler:v1.30.0",
                "registry.k8s.io/pause:3.9",
                "registry.k8s.io/provider-aws/cloud-controller-manager:v1.30.0"), references(r));
        assertTrue(r.imageNotes().isEmpty(), "a DNS mode given and covered networking need no note: " + r.imageNotes());
        assertTrue(r.notes().isEmpty(), "the files' notes stay as they were: " + r.notes());
    }

    @Test
    void kindsAreTheRepositoryNamesAndOriginsNameTheKopsFile() {
        Map<String, PlannedImage> byKind = resolve("1.30.4", "1.30.0", Networking.OTHER, Optional.empty()).images().stream()
                .collect(Collectors.toMap(PlannedImage::kind, i -> i, (a, b) -> a));
        assertEquals(new Origin.Read("v1.27.0 pkg/model/components/kubelet.go"), byKind.get("pause").origin());
        // The cloud-controller-manager's tag depends on the Kubernetes minor: its origin is that value's rule.
        assertEquals(new Origin.Read("v1.29.0 pkg/model/components/awscloudcontrollermanager.go"),
                byKind.get("cloud-controller-manager").origin());
        assertEquals("registry.k8s.io/kops/kube-apiserver-healthcheck:1.30.4", byKind.get("kube-apiserver-healthcheck").reference());
        assertEquals("kOps v1.27.0 pkg/model/components/kubelet.go", byKind.get("pause").origin().describe());
    }

    @Test
    void kopsDefaultDnsIsNoneFrom129WithoutDnsControllerAndSaysSo() {
        Resolution later = resolve("1.30.4", "1.30.0", Networking.OTHER, Optional.empty());
        assertFalse(references(later).contains("registry.k8s.io/kops/dns-controller:1.30.4"), references(later).toString());
        assertTrue(later.imageNotes().stream().anyMatch(n -> n.startsWith("DNS none (kOps 1.30's default for `kops create cluster`"
                + " without --dns-zone)") && n.contains("--dns route53")), later.imageNotes().toString());

        Resolution earlier = resolve("1.28.7", "1.28.0", Networking.OTHER, Optional.empty());
        assertTrue(references(earlier).contains("registry.k8s.io/kops/dns-controller:1.28.7"), references(earlier).toString());
        assertTrue(earlier.imageNotes().stream().anyMatch(n -> n.startsWith("DNS route53") && n.contains("--dns none")),
                earlier.imageNotes().toString());

        Set<String> route53 = Set.copyOf(references(resolve("1.30.4", "1.30.0", Networking.OTHER, Optional.of(DnsMode.ROUTE53))));
        Set<String> none = Set.copyOf(references(resolve("1.30.4", "1.30.0", Networking.OTHER, Optional.of(DnsMode.NONE))));
        assertEquals(Set.of("registry.k8s.io/kops/dns-controller:1.30.4"),
                route53.stream().filter(i -> !none.contains(i)).collect(Collectors.toSet()));
    }

    @Test
    void amazonVpcAddsTheVpcCniImages() {
        Set<String> other = Set.copyOf(references(resolve("1.34.1", "1.32.0", Networking.OTHER, Optional.of(DnsMode.NONE))));
        Set<String> vpc = Set.copyOf(references(resolve("1.34.1", "1.32.0", Networking.AMAZONVPC, Optional.of(DnsMode.NONE))));
        assertEquals(Set.of("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.20.2",
                "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.20.2",
                "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.2.6"),
                vpc.stream().filter(i -> !other.contains(i)).collect(Collectors.toSet()));
        assertTrue(vpc.containsAll(other));
    }

    @Test
    void imageVolumesDropKopsUtilsCpFromKubernetes133() {
        // kOps 1.34 mounts etcd and its helpers as image volumes on Kubernetes 1.33+ with containerd 2.1+.
        assertTrue(references(resolve("1.34.3", "1.32.0", Networking.OTHER, Optional.empty())).contains("registry.k8s.io/kops/kops-utils-cp:1.34.3"));
        assertFalse(references(resolve("1.34.3", "1.33.0", Networking.OTHER, Optional.empty())).contains("registry.k8s.io/kops/kops-utils-cp:1.34.3"));
    }

    @Test
    void networkingWhoseImagesAreNotInTheCatalogIsNamed() {
        Resolution r = resolve("1.32.4", "1.32.0", Networking.CILIUM, Optional.of(DnsMode.NONE));
        assertTrue(r.imageNotes().stream().anyMatch(n -> n.startsWith("networking cilium") && n.contains("--image")), r.imageNotes().toString());
        assertFalse(r.images().isEmpty());
    }

    @Test
    void the2018LinesHaveNoImagesAndSaySo() {
        Resolution r = resolve("1.9.0", "1.9.11", Networking.OTHER, Optional.empty());
        assertTrue(r.images().isEmpty());
        assertEquals(List.of("Ferry's catalog has no images for kOps 1.9: name them with --image, or take them from `kops get assets`"),
                r.imageNotes());
    }

    @Test
    void aPrereleaseKopsTagsItsImagesWithItsVersion() {
        Resolution r = resolve("1.37.0-alpha.1", "1.34.0", Networking.OTHER, Optional.of(DnsMode.ROUTE53));
        assertTrue(references(r).contains("registry.k8s.io/kops/kops-controller:1.37.0-alpha.1"), references(r).toString());
        assertTrue(references(r).contains("registry.k8s.io/etcd:v3.7.0"), references(r).toString());
    }

    @Test
    void anUnconfirmedImageRuleIsNamedInTheImageNotes() {
        Catalog c = TestCatalogs.line130("""
                values:
                  tag:
                    - {kops: "1.30", value: v9.9.9, unconfirmed: "guessed"}
                assets: []
                images:
                  - {image: "registry.example/app:{tag}", kind: app, when: {dns: none}, read: "a test"}
                  - {images: ["registry.example/vpc:v1"], when: {networking: [amazonvpc]}, unconfirmed: "not in kOps"}
                """);
        Resolution none = resolve(c, "1.30.0", "1.30.0", Networking.AMAZONVPC, Optional.of(DnsMode.NONE));
        assertEquals(List.of("registry.example/app:v9.9.9", "registry.example/vpc:v1"), references(none));
        assertEquals("app", none.images().get(0).kind());
        assertInstanceOf(Origin.Unconfirmed.class, none.images().get(0).origin(), "the value's origin wins over the rule's");
        assertEquals(List.of("tag v9.9.9 is not confirmed from kOps's source: guessed",
                "registry.example/vpc:v1 is not confirmed from kOps's source: not in kOps"), none.imageNotes());
        assertEquals(List.of(), references(resolve(c, "1.30.0", "1.30.0", Networking.OTHER, Optional.of(DnsMode.ROUTE53))));
    }

    @Test
    void badImageRulesAreRefusedWithTheirLine() {
        String head = "format: 1\nlines: []\nvalues: {}\nassets: []\nimages:\n";
        for (String[] bad : new String[][] {
                {"  - {image: \"registry.k8s.io/pause:3.9\", when: {arch: amd64}, read: x}", "no 'arch'"},
                {"  - {image: \"registry.k8s.io/pause:{nope}\", read: x}", "{nope}"},
                {"  - {image: \"registry.k8s.io/Pause:3.9\", read: x}", "not an image reference"},
                {"  - {image: \"registry.k8s.io/pause\", read: x}", "no tag or digest"},
                {"  - {image: \"registry.k8s.io/pause:3.9\", images: [], read: x}", "either 'image'"},
                {"  - {image: \"registry.k8s.io/pause:3.9\", when: {dns: gossip}, read: x}", "unknown DNS mode"},
                {"  - {image: \"registry.k8s.io/pause:3.9\"}", "'read'"}}) {
            FerryException e = assertThrows(FerryException.class, () -> Catalog.parse(head + bad[0] + "\n", "kops.yaml"), bad[0]);
            assertTrue(e.getMessage().contains(bad[1]), bad[0] + " -> " + e.getMessage());
            assertTrue(e.getMessage().contains("kops.yaml:6"), bad[0] + " -> " + e.getMessage());
        }
    }

    @Test
    void givenImagesAreCheckedAndKeptAsWritten() {
        PlannedImage i = PlannedImage.given(" docker.io/calico/node:v3.31.6 ", "--image");
        assertEquals("docker.io/calico/node:v3.31.6", i.reference());
        assertEquals("extra", i.kind());
        assertEquals("given with --image", i.origin().describe());
        PlannedImage.given("localhost:5000/team/app@sha256:" + "a".repeat(64), "--image");
        PlannedImage.given("amazon/aws-alb-ingress-controller:v2.4.5", "--image");
        for (String bad : List.of("", "https://registry.k8s.io/pause:3.9", "registry.k8s.io/pause", "Registry.k8s.io/Pause:1", "a b:1")) {
            FerryException e = assertThrows(FerryException.class, () -> PlannedImage.given(bad, "--image"), bad);
            assertEquals(FerryException.BAD_USAGE, e.exitCode());
            assertTrue(e.getMessage().startsWith("--image: "), e.getMessage());
        }
    }

    @Test
    void dnsModesReadKopsWords() {
        assertEquals(DnsMode.ROUTE53, DnsMode.parse("public"));
        assertEquals(DnsMode.ROUTE53, DnsMode.parse("Private"));
        assertEquals(DnsMode.NONE, DnsMode.parse(" none "));
        FerryException e = assertThrows(FerryException.class, () -> DnsMode.parse("gossip"));
        assertTrue(e.hint().orElseThrow().contains("route53"), e.hint().get());
    }
}
