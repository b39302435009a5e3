package dev.ferry.mirror.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Arch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code plan} lists the images kOps's clusters pull, release tag by release tag: kops-image-expectations.yaml
 * holds the images kOps's integration golden files give every AWS test cluster with kOps's default add-ons, and
 * the images of kOps's {@code kops get assets} golden outputs (written by manifests/kops-image-expectations.py;
 * see docs/catalog.md).
 */
class KopsImagesTest {
    private static final String RESOURCE = "/dev/ferry/mirror/catalog/kops-image-expectations.yaml";
    /** The 46 release tags the catalog must match: v1.26.0 … v1.36.2. */
    private static final VersionRange RELEASES = VersionRange.parse(">=1.26.0 <=1.36.2");
    private static final List<Case> CASES = read();

    private final Catalog catalog = Catalog.builtIn();

    /** One kOps release, Kubernetes version, networking and DNS mode, and the images kOps's golden files show for it. */
    record Case(String section, String kops, String kubernetes, Networking networking, DnsMode dns, Set<String> images,
            List<String> tests) {
        String name() {
            return section + ": Kubernetes " + kubernetes + ", networking " + networking + ", dns " + dns + " ("
                    + ReleaseCases.some(tests) + ")";
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyKopsRelease() {
        return ReleaseCases.tests(CASES, Case::kops, Case::name, this::diff);
    }

    /** The figures docs/catalog.md quotes: every release tag is compared, and every case matches. */
    @Test
    void everyReleaseTagMatchesKopsGoldenFiles() {
        Map<String, List<Case>> byRelease = ReleaseCases.byRelease(CASES, Case::kops);
        long tags = byRelease.keySet().stream().filter(k -> RELEASES.contains(Version.parse(k, "kops"))).count();
        List<String> failures = CASES.stream().filter(c -> !diff(c).isEmpty()).map(c -> c.kops() + " " + c.name()).toList();
        List<Case> golden = CASES.stream().filter(c -> c.section().equals("golden")).toList();
        long amazonvpc = golden.stream().filter(c -> c.networking() == Networking.AMAZONVPC).count();
        long none = golden.stream().filter(c -> c.dns() == DnsMode.NONE).count();
        int tests = golden.stream().mapToInt(c -> c.tests().size()).sum();
        long assets = CASES.size() - golden.size();
        System.out.printf("plan's images compared with kOps (%s): %d release refs; %d golden cases (%d amazonvpc, %d dns=none)"
                + " from %d golden tests, %d `kops get assets` outputs; %d of %d match%n", RESOURCE, byRelease.size(), golden.size(),
                amazonvpc, none, tests, assets, CASES.size() - failures.size(), CASES.size());
        assertEquals(46, tags, "every release tag v1.26.0 … v1.36.2 has golden cases");
        assertTrue(amazonvpc > 0 && none > 0 && assets > 0, "amazonvpc and dns=none clusters and kops get assets are among the cases");
        assertTrue(failures.isEmpty(), "differ: " + failures);
    }

    /** By kOps's code at each tag: the cloud-controller-manager for every Kubernetes minor the release supports. */
    @TestFactory
    Stream<DynamicTest> theCloudControllerManagerOfEveryKubernetesMinor() {
        Map<String, YamlNode> top = Yaml.parse(ReleaseCases.text(RESOURCE), RESOURCE).map("expectations");
        return top.get("rules").list("rules").stream().map(n -> n.map("a rule case")).map(m -> {
            String kops = m.get("kops").string("kops");
            String k8s = m.get("kubernetes").string("kubernetes");
            String kind = m.get("kind").string("kind");
            return DynamicTest.dynamicTest("kOps " + kops + ", Kubernetes " + k8s + ": " + kind, () -> {
                Resolution r = catalog.resolve(new CatalogRequest(Version.parse(kops, "kops"), Optional.of(Version.parse(k8s, "k8s")),
                        List.of(Arch.AMD64), Networking.OTHER, Set.of(), Optional.of(DnsMode.NONE)));
                assertEquals(List.of(m.get("image").string("image")),
                        r.images().stream().filter(i -> i.kind().equals(kind)).map(PlannedImage::reference).toList());
            });
        });
    }

    /** The catalog lists exactly the releases the image expectations were written for, so none goes unchecked. */
    @Test
    void theExpectationsCoverEveryReleaseTheCatalogKnows() {
        Set<String> covered = CASES.stream().map(Case::kops).collect(Collectors.toCollection(TreeSet::new));
        Set<String> known = new TreeSet<>();
        for (String line : catalog.knownLines()) {
            known.addAll(catalog.knownReleases(line));
        }
        assertEquals(known, covered);
    }

    /** Ferry's images minus kOps's, and kOps's minus Ferry's; empty when they agree. */
    private String diff(Case c) {
        Resolution r = catalog.resolve(new CatalogRequest(Version.parse(c.kops(), "kops"),
                Optional.of(Version.parse(c.kubernetes(), "kubernetes")), List.of(Arch.AMD64, Arch.ARM64), c.networking(), Set.of(),
                Optional.of(c.dns())));
        return ReleaseCases.difference(c.images(), r.images().stream().map(PlannedImage::reference).collect(Collectors.toSet()), "pull");
    }

    private static List<Case> read() {
        Map<String, YamlNode> top = Yaml.parse(ReleaseCases.text(RESOURCE), RESOURCE).map("expectations");
        Map<String, List<String>> sets = new LinkedHashMap<>();
        top.get("sets").map("sets").forEach((id, images) -> sets.put(id, images.strings(id)));
        List<Case> out = new ArrayList<>();
        for (String section : List.of("golden", "assets")) {
            for (YamlNode n : top.get(section).list(section)) {
                Map<String, YamlNode> m = n.map("a case");
                String kops = m.get("kops").string("kops");
                String k8s = m.get("kubernetes").string("kubernetes");
                // kOps tags its own images with its version, + made -.
                Set<String> images = sets.get(m.get("images").string("images")).stream()
                        .map(i -> i.replace("{kops}", kops.replace('+', '-')).replace("{kubernetes}", k8s)).collect(Collectors.toSet());
                out.add(new Case(section, kops, k8s, Networking.parse(m.get("networking").string("networking")),
                        DnsMode.parse(m.get("dns").string("dns")), images, m.get("tests").strings("tests")));
            }
        }
        return out;
    }
}
