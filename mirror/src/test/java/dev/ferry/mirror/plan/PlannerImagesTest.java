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
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

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
}
