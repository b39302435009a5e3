package dev.ferry.mirror.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code plan} gives what kOps gives, release tag by release tag: kops-expectations.yaml holds the
 * files kOps's integration golden files list at each tag, and the files kOps's code at each tag picks
 * for other Kubernetes versions (written by manifests/kops-expectations.py; see docs/catalog.md).
 */
class KopsReleasesTest {
    private static final String RESOURCE = "/dev/ferry/mirror/catalog/kops-expectations.yaml";
    /** The 46 release tags the catalog must match: v1.26.0 … v1.36.2. */
    private static final VersionRange RELEASES = VersionRange.parse(">=1.26.0 <=1.36.2");

    private static final List<Case> CASES = read();

    private final Catalog catalog = Catalog.builtIn();

    /** One kOps/Kubernetes/networking pair and the canonical URLs kOps downloads for it (both arches). */
    record Case(String section, String kops, String kubernetes, Networking networking, Set<String> urls, String about) {
        String name() {
            return section + ": Kubernetes " + kubernetes + ", networking " + networking + " (" + about + ")";
        }
    }

    @TestFactory
    Stream<DynamicContainer> everyKopsRelease() {
        return ReleaseCases.tests(cases(), Case::kops, Case::name, this::diff);
    }

    /** The figures the issue asks for: the 46 release tags with Kubernetes X.Y.0, and each one's oldest and newest Kubernetes. */
    @Test
    void everyReleaseTagWithItsOwnOldestAndNewestKubernetes() {
        List<Case> all = cases();
        StringBuilder summary = new StringBuilder("plan compared with kOps (" + RESOURCE + "):\n");
        List<String> failures = new ArrayList<>();
        for (String why : List.of("X.Y.0", "oldest supported", "newest patch of X.Y (stable channel)")) {
            List<Case> pairs = all.stream().filter(c -> c.section().equals("rules") && c.about().equals(why)
                    && c.networking() == Networking.OTHER && RELEASES.contains(Version.parse(c.kops(), "kops"))).toList();
            long same = pairs.stream().filter(c -> diff(c).isEmpty()).count();
            summary.append(String.format("  v1.26.0 … v1.36.2 with Kubernetes %s: %d of %d pairs match%n", why, same, pairs.size()));
            pairs.stream().filter(c -> !diff(c).isEmpty()).forEach(c -> failures.add(c.kops() + " " + c.name()));
            assertEquals(46, pairs.size(), "one pair per release tag for " + why);
        }
        for (String section : List.of("golden", "rules")) {
            List<Case> of = all.stream().filter(c -> c.section().equals(section)).toList();
            long same = of.stream().filter(c -> diff(c).isEmpty()).count();
            summary.append(String.format("  %s cases, every release: %d of %d match%n", section, same, of.size()));
        }
        System.out.print(summary);
        assertTrue(failures.isEmpty(), summary + "differ: " + failures);
    }

    /** The catalog lists exactly the releases the expectations were written for, so none goes unchecked. */
    @Test
    void theCatalogKnowsEveryReleaseTheExpectationsCover() {
        Set<String> covered = cases().stream().map(Case::kops).collect(Collectors.toCollection(TreeSet::new));
        Set<String> known = new TreeSet<>();
        for (String line : catalog.knownLines()) {
            known.addAll(catalog.knownReleases(line));
        }
        assertEquals(covered, known);
    }

    /** Ferry's URLs minus kOps's, and kOps's minus Ferry's; empty when they agree. */
    private String diff(Case c) {
        Resolution r = catalog.resolve(new CatalogRequest(Version.parse(c.kops(), "kops"),
                Optional.of(Version.parse(c.kubernetes(), "kubernetes")), List.of(Arch.AMD64, Arch.ARM64), c.networking(), Set.of()));
        // kOps's nodeup configs name nodeup; from 1.37.0 nodes fetch `<that URL>.xz`, which Ferry plans beside it.
        Set<String> ours = r.assets().stream().filter(a -> !a.kind().name().equals("nodeup-xz")).map(Asset::url)
                .collect(Collectors.toCollection(TreeSet::new));
        return ReleaseCases.difference(c.urls(), ours, "download");
    }

    private static List<Case> cases() {
        return CASES;
    }

    private static List<Case> read() {
        Map<String, YamlNode> top = Yaml.parse(ReleaseCases.text(RESOURCE), RESOURCE).map("expectations");
        Map<String, List<String>> sets = new LinkedHashMap<>();
        top.get("sets").map("sets").forEach((id, urls) -> sets.put(id, urls.strings(id)));
        List<Case> out = new ArrayList<>();
        for (String section : List.of("golden", "rules")) {
            for (YamlNode n : top.get(section).list(section)) {
                Map<String, YamlNode> m = n.map("a case");
                String kops = m.get("kops").string("kops");
                String k8s = m.get("kubernetes").string("kubernetes");
                Set<String> urls = sets.get(m.get("files").string("files")).stream()
                        .map(u -> u.replace("{kops}", kops).replace("{kubernetes}", k8s)).collect(Collectors.toSet());
                String about = section.equals("golden") ? "golden files of " + ReleaseCases.some(m.get("tests").strings("tests"))
                        : m.get("why").string("why");
                out.add(new Case(section, kops, k8s, Networking.parse(m.get("networking").string("networking")), urls, about));
            }
        }
        return out;
    }
}
