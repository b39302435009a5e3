package dev.ferry.mirror.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Releases down to the patch: which rules a kOps release gets, and what plan tells the user about them. */
class CatalogReleasesTest {
    private final Catalog catalog = Catalog.builtIn();

    private Resolution resolve(Catalog c, String kops, String k8s) {
        return c.resolve(new CatalogRequest(Version.parse(kops, "kops"), Optional.ofNullable(k8s).map(v -> Version.parse(v, "k8s")),
                List.of(Arch.AMD64, Arch.ARM64), Networking.OTHER, Set.of()));
    }

    private Resolution resolve(String kops, String k8s) {
        return resolve(catalog, kops, k8s);
    }

    private static Set<String> files(Resolution r) {
        return r.assets().stream().map(a -> a.url().substring(a.url().lastIndexOf('/') + 1)).collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void anUnknownPatchReleaseGetsTheNewestRulesOfItsLineAndSaysSo() {
        Resolution unknown = resolve("1.30.9", "1.30.0");
        Resolution newest = resolve("1.30.4", "1.30.0");
        assertEquals(newest.assets().stream().map(a -> a.url().replace("1.30.4", "1.30.9")).toList(),
                unknown.assets().stream().map(Asset::url).toList());
        assertTrue(unknown.notes().stream().anyMatch(n -> n.contains("not a release Ferry's catalog knows")
                && n.contains("1.30.0 … 1.30.4") && n.contains("rules of kOps 1.30.4") && n.contains("kops get assets")), unknown.notes().toString());
        assertTrue(newest.notes().isEmpty(), "a known release plans without a note: " + newest.notes());
    }

    @Test
    void kopsChangedContainerdWithinALine() {
        assertTrue(files(resolve("1.28.0", "1.28.0")).containsAll(Set.of("containerd-1.7.2-linux-amd64.tar.gz", "runc.amd64")));
        assertTrue(files(resolve("1.28.2", "1.28.0")).contains("containerd-1.7.7-linux-amd64.tar.gz"));
        assertTrue(files(resolve("1.28.4", "1.28.0")).contains("containerd-1.7.13-linux-amd64.tar.gz"));
        assertTrue(files(resolve("1.30.1", "1.30.0")).contains("containerd-1.7.16-linux-amd64.tar.gz"));
        Set<String> k135 = files(resolve("1.35.1", "1.35.0"));
        assertTrue(k135.contains("containerd-2.2.4-linux-amd64.tar.gz") && k135.contains("cni-plugins-linux-amd64-v1.6.2.tgz"), k135.toString());
    }

    @Test
    void theKubernetesVersionSelectsTheContainerd() {
        Resolution r = resolve("1.30.4", "1.27.1");
        assertTrue(r.assets().stream().anyMatch(a -> a.url().endsWith("/v1.6.20/containerd-1.6.20-linux-amd64.tar.gz")), files(r).toString());
        assertTrue(r.assets().stream().anyMatch(a -> a.url().endsWith("/runc/releases/download/v1.1.5/runc.amd64")), files(r).toString());
        // 1.26.5-1.26.x is one of the windows that get a newer 1.6.
        assertTrue(files(resolve("1.30.4", "1.26.5")).contains("containerd-1.6.36-linux-amd64.tar.gz"));
        assertTrue(files(resolve("1.30.4", "1.27.2")).contains("containerd-1.7.22-linux-amd64.tar.gz"));
    }

    @Test
    void kops126WithKubernetes121DownloadsContainerd1413AndNoRunc() {
        Resolution r = resolve("1.26.6", "1.21.0");
        Set<String> f = files(r);
        assertTrue(f.containsAll(Set.of("cri-containerd-cni-1.4.13-linux-amd64.tar.gz", "docker-20.10.13.tgz", "cni-plugins-linux-amd64-v0.8.7.tgz")), f.toString());
        assertFalse(f.stream().anyMatch(n -> n.startsWith("runc")), f.toString());
        Asset docker = r.assets().stream().filter(a -> a.url().endsWith("docker-20.10.13.tgz")).findFirst().orElseThrow();
        assertInstanceOf(ExpectedHash.Known.class, docker.hash(), "Docker publishes no checksum file: the hash is kOps's");
    }

    @Test
    void kops137AlphaIsTheTagAndLater137ReleasesAreReadAtMaster() {
        Set<String> alpha = files(resolve("1.37.0-alpha.1", "1.36.0"));
        assertTrue(alpha.contains("protokube") && !alpha.contains("nodeup.xz") && alpha.contains("containerd-2.2.4-linux-amd64.tar.gz"), alpha.toString());
        Resolution next = resolve("1.37.0", "1.36.0");
        Set<String> f = files(next);
        assertTrue(!f.contains("protokube") && f.contains("nodeup.xz") && f.contains("containerd-2.3.4-linux-amd64.tar.gz"), f.toString());
        assertTrue(next.notes().stream().anyMatch(n -> n.startsWith("not released yet") && n.contains("master@268927e")), next.notes().toString());
        Resolution later = resolve("1.37.0-alpha.2", "1.36.0");
        assertEquals(f, files(later));
        assertTrue(later.notes().stream().anyMatch(n -> n.contains("rules of kOps 1.37.0") && n.contains("not released yet")), later.notes().toString());
    }

    @Test
    void aKubernetesOlderThanKopsSupportsIsRefusedAsKopsRefusesIt() {
        FerryException e = assertThrows(FerryException.class, () -> resolve("1.34.0", "1.28.9"));
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("oldest it supports is 1.29.0"), e.getMessage());
        assertFalse(resolve("1.34.0", "1.29.0").assets().isEmpty());
    }

    @Test
    void anUnconfirmedValueIsNamedInTheNotesWhenUsed() {
        Catalog c = TestCatalogs.line130("""
                values:
                  containerd:
                    - {kops: "1.30", value: 1.7.22, unconfirmed: "copied from the 1.29 line"}
                  runc:
                    - {kops: "1.30", value: 1.1.14, read: "v1.30.2 pkg/model/components/containerd.go"}
                assets:
                  - {kind: containerd, version: "{containerd}", url: "https://example.invalid/containerd-{containerd}-{arch}", read: "a test"}
                  - {kind: runc, version: "{runc}", url: "https://example.invalid/runc-{runc}.{arch}", when: {containerd: ">=1.6"}, read: "a test"}
                """);
        Resolution r = resolve(c, "1.30.0", "1.30.0");
        assertEquals(List.of("containerd 1.7.22 is not confirmed from kOps's source: copied from the 1.29 line"),
                r.notes().stream().filter(n -> n.contains("not confirmed")).toList());
        assertEquals(4, r.assets().size());
    }

    @Test
    void aRuleWithoutItsSourceIsRefusedWithItsLine() {
        String text = "format: 1\nlines: []\nvalues:\n  runc:\n    - {kops: \"1.30\", value: 1.1.14}\nassets: []\n";
        FerryException e = assertThrows(FerryException.class, () -> Catalog.parse(text, "kops.yaml"));
        assertTrue(e.getMessage().startsWith("kops.yaml:5") && e.getMessage().contains("'read'"), e.getMessage());
        String typo = "format: 1\nlines: []\nvalues: {}\nassets:\n  - {kind: runc, url: x, read: t, when: {contaierd: \">=1.6\"}}\n";
        FerryException t = assertThrows(FerryException.class, () -> Catalog.parse(typo, "kops.yaml"));
        assertTrue(t.getMessage().contains("contaierd"), t.getMessage());
    }

    @Test
    void rangesDownToThePatchWithAlternativesAndPreReleases() {
        VersionRange windows = VersionRange.parse(">=1.24.14 <1.25 || >=1.26.5 <1.27");
        assertTrue(windows.contains(v("1.24.14")) && windows.contains(v("1.26.9")));
        assertFalse(windows.contains(v("1.24.13")) || windows.contains(v("1.25.10")) || windows.contains(v("1.27.0")));
        assertTrue(VersionRange.parse("1.28.0").contains(v("1.28.0")) && !VersionRange.parse("1.28.0").contains(v("1.28.1")));
        assertTrue(VersionRange.parse("1.37").contains(v("1.37.0-alpha.1")), "a line holds its pre-releases");
        assertTrue(VersionRange.parse("<1.37.0").contains(v("1.37.0-alpha.1")) && !VersionRange.parse(">=1.37.0").contains(v("1.37.0-alpha.1")));
        assertThrows(FerryException.class, () -> VersionRange.parse(">=1.30 ||"));
        assertThrows(FerryException.class, () -> VersionRange.parse(">=one"));
    }

    @Test
    void preReleasesSortBeforeTheirRelease() {
        List<String> sorted = List.of("1.37.0", "1.37.0-beta.1", "1.37.0-alpha.10", "1.37.0-alpha.2", "1.36.9").stream()
                .map(CatalogReleasesTest::v).sorted(Version::compareWithPreRelease).map(Version::text).toList();
        assertEquals(List.of("1.36.9", "1.37.0-alpha.2", "1.37.0-alpha.10", "1.37.0-beta.1", "1.37.0"), sorted);
        assertEquals("1.34.0", v("1.34.0-alpha.1").release().text());
    }

    /** A rule's `read` names the release it was read at: that release must be inside the rule's own kOps range. */
    @Test
    void everyRuleIsReadAtAReleaseInsideItsRange() throws Exception {
        String text;
        try (InputStream in = Catalog.class.getResourceAsStream("/dev/ferry/mirror/catalog/kops.yaml")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, YamlNode> top = Yaml.parse(text, "kops.yaml").map("catalog");
        List<YamlNode> rules = new ArrayList<>(top.get("assets").list("assets"));
        top.get("values").map("values").values().forEach(list -> rules.addAll(list.list("rules")));
        // master is read as the 1.37 line's coming release.
        Version master = v(catalog.knownReleases("1.37").get(catalog.knownReleases("1.37").size() - 1));
        int checked = 0;
        for (YamlNode rule : rules) {
            Map<String, YamlNode> m = rule.map("rule");
            Map<String, YamlNode> when = m.containsKey("when") ? m.get("when").map("when") : m;
            String kops = when.containsKey("kops") ? when.get("kops").string("kops") : "*";
            String read = m.containsKey("read") ? m.get("read").string("read") : "";
            Optional<Version> at = read.startsWith("v1.") ? Optional.of(v(read.substring(1, read.indexOf(' '))))
                    : read.startsWith("master@") ? Optional.of(master) : Optional.empty();
            if (at.isPresent()) {
                assertTrue(VersionRange.parse(kops).contains(at.get()), rule.where() + ": read at " + read + ", outside " + kops);
                checked++;
            }
        }
        assertTrue(checked > 100, "rules checked: " + checked);
    }

    private static Version v(String s) {
        return Version.parse(s, "test");
    }
}
