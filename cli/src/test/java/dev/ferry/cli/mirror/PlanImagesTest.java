package dev.ferry.cli.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRun;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.lock.LockedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry mirror plan} lists the images a cluster pulls beside its files, in its table and in the lock. */
class PlanImagesTest {
    /** kOps 1.30.4 with Kubernetes 1.30.0 and kOps's default dns=none, as kOps's golden files show (kops-image-expectations.yaml). */
    private static final Set<String> CORE_1_30_4 = Set.of(
            "registry.k8s.io/kube-apiserver:v1.30.0", "registry.k8s.io/kube-controller-manager:v1.30.0",
            "registry.k8s.io/kube-scheduler:v1.30.0", "registry.k8s.io/kube-proxy:v1.30.0", "registry.k8s.io/pause:3.9",
            "registry.k8s.io/etcdadm/etcd-manager-slim:v3.0.20230925", "registry.k8s.io/etcd:3.4.13-0", "registry.k8s.io/etcd:3.5.13-0",
            "registry.k8s.io/kops/kops-controller:1.30.4", "registry.k8s.io/kops/kube-apiserver-healthcheck:1.30.4",
            "registry.k8s.io/kops/kops-utils-cp:1.30.4", "registry.k8s.io/coredns/coredns:v1.11.3",
            "registry.k8s.io/cpa/cluster-proportional-autoscaler:v1.8.9", "registry.k8s.io/provider-aws/cloud-controller-manager:v1.30.0",
            "public.ecr.aws/ebs-csi-driver/aws-ebs-csi-driver:v1.33.0", "public.ecr.aws/ebs-csi-driver/volume-modifier-for-k8s:v0.3.0",
            "public.ecr.aws/eks-distro/kubernetes-csi/external-provisioner:v5.0.1-eks-1-30-10",
            "public.ecr.aws/eks-distro/kubernetes-csi/external-attacher:v4.6.1-eks-1-30-10",
            "public.ecr.aws/eks-distro/kubernetes-csi/external-resizer:v1.11.1-eks-1-30-10",
            "public.ecr.aws/eks-distro/kubernetes-csi/livenessprobe:v2.13.0-eks-1-30-10",
            "public.ecr.aws/eks-distro/kubernetes-csi/node-driver-registrar:v2.11.0-eks-1-30-10",
            "public.ecr.aws/aws-ec2/aws-node-termination-handler:v1.22.0");

    private static Map<String, YamlNode> json(CliRun r) {
        assertEquals(0, r.exitCode(), r.toString());
        return Yaml.parse(r.out(), "stdout").map("json");
    }

    private static Set<String> references(Map<String, YamlNode> json) {
        return json.get("images").list("images").stream().map(i -> i.map("image").get("reference").string("reference"))
                .collect(Collectors.toSet());
    }

    @Test
    void theReadmeCommandListsTheCoreImagesOfTheRelease(@TempDir Path dir) throws Exception {
        Path lock = dir.resolve("ferry.lock");
        CliRun r = CliRun.of("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--lock-file", lock.toString());
        assertEquals(0, r.exitCode(), r.toString());
        List<String> lines = r.out().lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.matches("IMAGE +KIND +DIGEST +FROM")).findFirst().orElseThrow(() ->
                new AssertionError("no IMAGES table:\n" + r.out())));
        Set<String> listed = lines.subList(header + 1, header + 1 + CORE_1_30_4.size()).stream().map(l -> l.split(" +")[0])
                .collect(Collectors.toSet());
        assertEquals(CORE_1_30_4, listed);
        assertTrue(r.out().contains("registry.k8s.io/pause:3.9") && r.out().contains("kOps v1.27.0 pkg/model/components/kubelet.go"), r.out());
        assertTrue(r.out().contains("note: kOps 1.30.4: DNS none (kOps 1.30's default for `kops create cluster` without --dns-zone)"), r.out());
        assertTrue(r.out().contains("22 container images, each with every platform it has: 0 pinned, 22 unpinned"), r.out());
        assertTrue(lines.get(lines.size() - 2).startsWith("22 files:") && lines.get(lines.size() - 1).startsWith("signatures:"),
                "the files' summary and their signatures stay last: " + r.out());
        // The lock lists the same 22 files and the images, unpinned: plan stays offline.
        Lock written = LockFile.read(lock);
        assertEquals(22, written.assets().size());
        assertEquals(CORE_1_30_4, written.images().stream().map(LockedImage::reference).collect(Collectors.toSet()));
        assertTrue(written.images().stream().noneMatch(LockedImage::isPinned), "no digest without --resolve");
        assertTrue(Files.readString(lock).contains("- image: registry.k8s.io/pause:3.9\n  kind: pause\n  from: catalog\n"));
    }

    @Test
    void jsonListsTheImagesWithWhereKopsNamesThem() {
        Map<String, YamlNode> none = json(CliRun.of("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--output", "json"));
        assertEquals(CORE_1_30_4, references(none));
        assertEquals(22, none.get("summary").map("summary").get("images").number("images"));
        Map<String, YamlNode> pause = none.get("images").list("images").stream().map(i -> i.map("image"))
                .filter(i -> i.get("kind").string("kind").equals("pause")).findFirst().orElseThrow();
        assertEquals("v1.27.0 pkg/model/components/kubelet.go", pause.get("origin").map("origin").get("read").string("read"));
        assertTrue(none.get("imageNotes").list("imageNotes").get(0).string("note").contains("DNS none"));

        Map<String, YamlNode> route53 = json(CliRun.of("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--dns", "route53",
                "--output", "json"));
        Set<String> added = references(route53);
        added.removeAll(CORE_1_30_4);
        assertEquals(Set.of("registry.k8s.io/kops/dns-controller:1.30.4"), added);
        assertEquals(List.of(), route53.get("imageNotes").list("imageNotes"), "a DNS mode given needs no note");
    }

    @Test
    void amazonVpcAndTheUsersOwnImagesAreAdded() {
        Map<String, YamlNode> vpc = json(CliRun.of("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--dns", "none",
                "--networking", "amazonvpc", "--image", "docker.io/calico/node:v3.31.6", "--image", "registry.k8s.io/pause:3.9",
                "--output", "json"));
        Set<String> added = references(vpc);
        added.removeAll(CORE_1_30_4);
        assertEquals(Set.of("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.18.6",
                "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni-init:v1.18.6",
                "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.4",
                "docker.io/calico/node:v3.31.6"), added);
        Map<String, YamlNode> calico = vpc.get("images").list("images").stream().map(i -> i.map("image"))
                .filter(i -> i.get("kind").string("kind").equals("extra")).findFirst().orElseThrow();
        assertEquals("--image", calico.get("origin").map("origin").get("given").string("given"));
    }

    @Test
    void aBadImageOrDnsModeIsBadUsage() {
        CliRun untagged = CliRun.of("mirror", "plan", "--kops", "1.30.4", "--image", "registry.k8s.io/pause");
        assertEquals(2, untagged.exitCode(), untagged.toString());
        assertTrue(untagged.err().contains("--image") && untagged.err().contains("no tag or digest"), untagged.err());

        CliRun dns = CliRun.of("mirror", "plan", "--kops", "1.30.4", "--dns", "gossip");
        assertEquals(2, dns.exitCode(), dns.toString());
        assertTrue(dns.err().contains("--dns") && dns.err().contains("route53"), dns.err());
    }
    @Test
    void imagesAloneMakeAPlanAndWithALockTheyAreRefused(@TempDir Path dir) {
        Path lock = dir.resolve("images.lock");
        CliRun plan = CliRun.of("mirror", "plan", "--image", "docker.io/calico/node:v3.31.6", "--lock-file", lock.toString());
        assertEquals(0, plan.exitCode(), plan.toString());
        assertEquals(List.of("docker.io/calico/node:v3.31.6"), LockFile.read(lock).images().stream().map(LockedImage::reference).toList());
        assertEquals(List.of(), LockFile.read(lock).assets());

        CliRun sync = CliRun.of("mirror", "sync", "--lock", lock.toString(), "--image", "registry.k8s.io/pause:3.9", "--registry", "harbor.example.cn/k8s");
        assertEquals(2, sync.exitCode(), sync.toString());
        assertTrue(sync.err().contains("--image changes what is mirrored"), sync.err());
        CliRun verify = CliRun.of("mirror", "verify", "--registry", "harbor.example.cn/k8s");
        assertEquals(2, verify.exitCode(), verify.toString());
        assertTrue(verify.err().contains("give --lock ferry.lock"), verify.err());
    }
}
