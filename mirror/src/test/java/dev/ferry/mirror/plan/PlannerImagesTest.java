package dev.ferry.mirror.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.catalog.Catalog;
import dev.ferry.mirror.catalog.CatalogRequest;
import dev.ferry.mirror.catalog.DnsMode;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.Origin;
import dev.ferry.mirror.catalog.PlannedImage;
import dev.ferry.mirror.catalog.Version;
import dev.ferry.mirror.lock.LockedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The images of a plan: the clusters' catalog images merged, the user's added, sorted; the lock untouched. */
class PlannerImagesTest {
    private final Planner planner = new Planner(Catalog.builtIn());

    private static CatalogRequest cluster(String kops, String k8s, Optional<DnsMode> dns) {
        return new CatalogRequest(Version.parse(kops, "kops"), Optional.of(Version.parse(k8s, "k8s")), List.of(Arch.AMD64),
                Networking.OTHER, Set.of(), dns);
    }

    private Plan plan(List<CatalogRequest> clusters, List<String> images) {
        return planner.plan(new PlanInput(clusters, Optional.empty(), List.of(), List.of(), Optional.empty(), "ferry test",
                images.stream().map(i -> PlannedImage.given(i, "--image")).toList()));
    }

    @Test
    void twoClustersShareTheirCommonImagesOnceInReferenceOrder() {
        Plan one = plan(List.of(cluster("1.30.4", "1.30.0", Optional.empty())), List.of());
        Plan two = plan(List.of(cluster("1.30.4", "1.30.0", Optional.empty()), cluster("1.30.4", "1.29.0", Optional.empty())), List.of());
        List<String> refs = two.images().stream().map(PlannedImage::reference).toList();
        assertEquals(refs.stream().sorted().toList(), refs, "sorted by reference");
        assertEquals(Set.copyOf(refs).size(), refs.size(), "each reference once");
        Set<String> added = refs.stream().filter(r -> one.images().stream().noneMatch(i -> i.reference().equals(r))).collect(Collectors.toSet());
        assertEquals(Set.of("registry.k8s.io/kube-apiserver:v1.29.0", "registry.k8s.io/kube-controller-manager:v1.29.0",
                "registry.k8s.io/kube-scheduler:v1.29.0", "registry.k8s.io/kube-proxy:v1.29.0",
                "registry.k8s.io/provider-aws/cloud-controller-manager:v1.29.2"), added);
        assertTrue(two.imageNotes().stream().allMatch(n -> n.startsWith("kOps 1.30.4: ")), two.imageNotes().toString());
        assertEquals(1, two.imageNotes().size(), "the same note once: " + two.imageNotes());
    }

    @Test
    void theUsersImagesAreAddedAndACatalogImageKeepsItsOrigin() {
        Plan p = plan(List.of(cluster("1.30.4", "1.30.0", Optional.of(DnsMode.NONE))),
                List.of("docker.io/calico/node:v3.31.6", "registry.k8s.io/pause:3.9"));
        Map<String, PlannedImage> byRef = p.images().stream().collect(Collectors.toMap(PlannedImage::reference, i -> i));
        assertEquals(new Origin.Given("--image"), byRef.get("docker.io/calico/node:v3.31.6").origin());
        assertEquals("extra", byRef.get("docker.io/calico/node:v3.31.6").kind());
        assertInstanceOf(Origin.Read.class, byRef.get("registry.k8s.io/pause:3.9").origin());
        assertEquals(List.of(), p.imageNotes(), "a DNS mode given: nothing to say");
        assertTrue(p.lock().assets().size() > 0, "the files are planned as before");
    }

    @Test
    void aBadImageIsBadUsageNamingTheFlag() {
        FerryException e = assertThrows(FerryException.class,
                () -> plan(List.of(cluster("1.30.4", "1.30.0", Optional.empty())), List.of("registry.k8s.io/pause")));
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        assertTrue(e.getMessage().startsWith("--image: 'registry.k8s.io/pause' has no tag or digest"), e.getMessage());
    }
    @Test
    void kopsAssetsAndManifestImagesReachTheLockWithTheirDownloadNamesAndDigests(@TempDir Path dir) throws Exception {
        Path assets = dir.resolve("assets.yaml");
        Files.writeString(assets, """
                files: []
                images:
                - canonical: registry.k8s.io/pause:3.9
                  download: 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops/pause:3.9
                - canonical: registry.k8s.io/kops/kops-controller:1.30.4
                  download: registry.k8s.io/kops/kops-controller:1.30.4
                """);
        Path manifest = dir.resolve("ferry.yaml");
        String digest = "sha256:" + "5e".repeat(32);
        Files.writeString(manifest, """
                images:
                  - docker.io/calico/node:v3.31.6
                  - {image: registry.k8s.io/pause:3.9, digest: "%s"}
                """.formatted(digest));
        Manifest m = Manifest.read(manifest);
        Plan p = planner.plan(new PlanInput(List.of(cluster("1.30.4", "1.30.0", Optional.of(DnsMode.NONE))), Optional.of(assets), List.of(), List.of(),
                Optional.empty(), "ferry test", List.of(), m.images()));
        Map<String, LockedImage> locked = p.lock().images().stream().collect(Collectors.toMap(LockedImage::reference, i -> i));
        assertEquals(p.images().stream().map(PlannedImage::reference).toList(), p.lock().images().stream().map(LockedImage::reference).toList(),
                "the lock lists the plan's images, in its order");
        LockedImage pause = locked.get("registry.k8s.io/pause:3.9");
        assertEquals("catalog", pause.from(), "the catalog named it first");
        assertEquals(Optional.of("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops/pause:3.9"), pause.download());
        assertEquals(Optional.of(digest), pause.digest(), "the manifest's pin");
        assertEquals(Optional.empty(), locked.get("registry.k8s.io/kops/kops-controller:1.30.4").download(), "the same name is no download name");
        assertEquals("manifest", locked.get("docker.io/calico/node:v3.31.6").from());
        assertEquals(new Origin.Given(manifest + ":2"), p.images().stream().filter(i -> i.reference().startsWith("docker.io/")).findFirst()
                .orElseThrow().origin());

        Files.writeString(dir.resolve("only.yaml"), "images:\n  - docker.io/calico/node:v3.31.6\n");
        Plan only = planner.plan(new PlanInput(List.of(), Optional.empty(), List.of(), List.of(), Optional.empty(), "ferry test", List.of(),
                Manifest.read(dir.resolve("only.yaml")).images()));
        assertEquals(List.of(), only.lock().assets(), "a plan of images alone");
        assertEquals(1, only.lock().images().size());
    }

    @Test
    void twoDigestsForOneImageAndABadManifestImageAreRefused(@TempDir Path dir) throws Exception {
        Manifest.ExtraImage one = new Manifest.ExtraImage("registry.k8s.io/pause:3.9", Optional.of("sha256:" + "11".repeat(32)), "a.yaml:2");
        Manifest.ExtraImage two = new Manifest.ExtraImage("registry.k8s.io/pause:3.9", Optional.of("sha256:" + "22".repeat(32)), "b.yaml:7");
        FerryException e = assertThrows(FerryException.class, () -> planner.plan(new PlanInput(List.of(), Optional.empty(), List.of(), List.of(),
                Optional.empty(), "ferry test", List.of(), List.of(one, two))));
        assertTrue(e.getMessage().contains("pinned to two digests") && e.getMessage().contains("a.yaml:2") && e.getMessage().contains("b.yaml:7"),
                e.getMessage());

        Files.writeString(dir.resolve("typo.yaml"), "images:\n  - {image: registry.k8s.io/pause:3.9, digets: sha256:00}\n");
        FerryException typo = assertThrows(FerryException.class, () -> Manifest.read(dir.resolve("typo.yaml")));
        assertTrue(typo.getMessage().contains("typo.yaml:2") && typo.getMessage().contains("digets"), typo.getMessage());
        Files.writeString(dir.resolve("short.yaml"), "images:\n  - {image: registry.k8s.io/pause:3.9, digest: \"sha256:00\"}\n");
        FerryException digest = assertThrows(FerryException.class, () -> Manifest.read(dir.resolve("short.yaml")));
        assertTrue(digest.getMessage().startsWith(dir.resolve("short.yaml") + ":2: the digest 'sha256:00'"), digest.getMessage());
        Files.writeString(dir.resolve("untagged.yaml"), "images:\n  - registry.k8s.io/pause\n");
        FerryException untagged = assertThrows(FerryException.class, () -> Manifest.read(dir.resolve("untagged.yaml")));
        assertTrue(untagged.getMessage().contains("untagged.yaml:2") && untagged.getMessage().contains("no tag or digest"), untagged.getMessage());
    }
}
