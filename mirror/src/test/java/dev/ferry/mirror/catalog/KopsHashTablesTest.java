package dev.ferry.mirror.catalog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Provenance;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** kOps's hash tables as Ferry's catalog data: what plan pins from them, and that the data is kOps's, whole. */
class KopsHashTablesTest {
    private static final Path TABLES = Path.of(System.getProperty("ferry.root.dir", ".."), "manifests", "catalog", "kops-assetdata");
    private static final Set<String> COVERED = Set.of("kubelet", "kubectl", "containerd", "runc", "cni", "crictl");

    private final Catalog catalog = Catalog.builtIn();

    private Resolution plan1304() {
        return catalog.resolve(new CatalogRequest(Version.parse("1.30.4", "kops"), Optional.of(Version.parse("1.30.0", "k8s")),
                List.of(Arch.AMD64, Arch.ARM64), Networking.OTHER, Set.of()));
    }

    @Test
    void planPinsEveryFileTheTablesCoverWithTheTablesHash() throws IOException {
        Map<String, String> tables = tablesByUrl(TABLES);
        Resolution r = plan1304();
        int pinned = 0;
        for (Asset a : r.assets()) {
            if (!COVERED.contains(a.kind().name())) {
                continue;
            }
            ExpectedHash.Known k = assertInstanceOf(ExpectedHash.Known.class, a.hash(), a.url());
            assertEquals(Provenance.KOPS_ASSETDATA, k.provenance(), a.url());
            assertEquals(tables.get(a.url()), k.hash().hex(), a.url());
            assertTrue(k.sidecar().isPresent(), "the upstream sidecar stays in the lock, for lock verify --online: " + a.url());
            pinned++;
        }
        assertEquals(12, pinned, "kubelet, kubectl, containerd, runc, CNI and crictl for two arches");
    }

    @Test
    void theReferenceHashesAreTheTablesOnes() {
        Map<String, String> amd64 = plan1304().assets().stream().filter(a -> a.arch().equals(Optional.of(Arch.AMD64)))
                .filter(a -> a.hash() instanceof ExpectedHash.Known)
                .collect(Collectors.toMap(a -> a.kind().name(), a -> ((ExpectedHash.Known) a.hash()).hash().hex()));
        assertEquals("32a32ec3d7e7f8b2648c9dd503ce9ef63b4af1d1677f5b5aed7846fb02d66f18", amd64.get("kubelet"));
        assertEquals("f3a841324845ca6bf0d4091b4fc7f97e18a623172158b72fc3fdcdb9d42d2d37", amd64.get("cni"));
        assertEquals("f8b2d935d1f86003f4e0c1af3b9f0d2820bacabe6dc9f562785b74af24c5e468", amd64.get("containerd"));
        assertEquals("a83c0804ebc16826829e7925626c4793da89a9b225bbcc468f2b338ea9f8e8a8", amd64.get("runc"));
    }

    @Test
    void whatTheTablesDoNotCoverStaysForResolve() {
        Set<String> unpinned = plan1304().assets().stream().filter(a -> a.hash() instanceof ExpectedHash.FromSidecar)
                .map(a -> a.kind().name() + " " + a.version()).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(Set.of("channels 1.30.4", "ecr-credential-provider 1.27.1", "nerdctl 1.7.4", "nodeup 1.30.4", "protokube 1.30.4"),
                unpinned);
    }

    @Test
    void theIndexListsEveryTableAndNoTwoTablesDisagree() throws IOException {
        Set<String> files;
        try (Stream<Path> s = Files.list(TABLES)) {
            files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml") && !n.equals("tables.yaml"))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> indexed = Files.readAllLines(TABLES.resolve("tables.yaml")).stream().filter(l -> l.matches("  \\S+\\.yaml: [0-9a-f]{40}"))
                .map(l -> l.trim().split(":")[0]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(files, indexed);
        HashTables tables = HashTables.read(name -> read(TABLES.getParent().resolve(name)));
        assertEquals(List.of(), tables.conflicts());
        assertEquals(tablesByUrl(TABLES).size(), tables.size());
    }

    /**
     * The CNI tarball kOps 1.30 downloads from storage.googleapis.com has the same bytes as the one on GitHub, where
     * kOps's tables name it now; kOps's tables of the bucket (kept from before kOps dropped it) say so. Not every
     * version: the bucket's 1.4.1 is another build than GitHub's, so each host is looked up under its own URL.
     */
    @Test
    void theCniBucketAndGitHubAgreeWhereTheyHaveTheSameBytes() throws IOException {
        Map<String, String> tables = tablesByUrl(TABLES);
        String bucket = "https://storage.googleapis.com/k8s-artifacts-cni/release/";
        String github = "https://github.com/containernetworking/plugins/releases/download/";
        for (String v : List.of("0.9.1", "1.2.0", "1.3.0", "1.5.1")) {
            for (String arch : List.of("amd64", "arm64")) {
                String file = "v" + v + "/cni-plugins-linux-" + arch + "-v" + v + ".tgz";
                assertEquals(tables.get(github + file), tables.get(bucket + file), file);
            }
        }
        String file141 = "v1.4.1/cni-plugins-linux-amd64-v1.4.1.tgz";
        assertTrue(!tables.get(bucket + file141).equals(tables.get(github + file141)), "1.4.1 differs between the hosts");
        Asset cni = catalog.resolve(new CatalogRequest(Version.parse("1.32.0", "kops"), Optional.of(Version.parse("1.30.0", "k8s")),
                List.of(Arch.AMD64), Networking.OTHER, Set.of())).assets().stream().filter(a -> a.kind().name().equals("cni")).findFirst().orElseThrow();
        assertEquals(bucket + file141, cni.url());
        assertEquals(tables.get(bucket + file141), ((ExpectedHash.Known) cni.hash()).hash().hex(), "the bucket's own table");
    }

    /** The line reader reads every table as the YAML reader does, and hands anything else to it. */
    @Test
    void theLineReaderAgreesWithTheYamlReader() throws IOException {
        try (Stream<Path> s = Files.list(TABLES)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("tables.yaml")).toList()) {
                String text = Files.readString(p);
                assertEquals(Optional.of(HashTables.yaml(dev.ferry.format.Yaml.parse(text, p.toString()), p.toString())), HashTables.lines(text),
                        p.getFileName().toString());
            }
        }
        assertEquals(Optional.empty(), HashTables.lines("files: [{name: a, sha256: b}]\n"), "flow style is the YAML reader's");
        assertEquals(Optional.empty(), HashTables.lines("files:\n- name: \"a b\"\n  sha256: x\n"), "so is a quoted name");
    }

    /** The copy is the reference data of the shared folder, byte for byte, where that folder is present. */
    @Test
    void theTablesAreTheReferenceCopies() throws IOException {
        String shared = System.getProperty("ferry.shared.dir");
        Path reference = shared == null ? null : Path.of(shared, "data", "kops-assetdata");
        if (reference == null || !Files.isDirectory(reference)) {
            System.err.println("SKIPPED: " + reference + " is absent (set -Dferry.shared.dir to the shared folder)");
        }
        Assumptions.assumeTrue(reference != null && Files.isDirectory(reference), "shared kops-assetdata absent: test skipped");
        try (Stream<Path> s = Files.list(reference)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml")).toList()) {
                assertArrayEquals(Files.readAllBytes(p), Files.readAllBytes(TABLES.resolve(p.getFileName())), p.getFileName().toString());
            }
        }
    }

    private static Optional<String> read(Path p) {
        try {
            return Files.isRegularFile(p) ? Optional.of(Files.readString(p)) : Optional.empty();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every table read line by line, independently of Ferry's reader: URL (base + name) to sha256. */
    static Map<String, String> tablesByUrl(Path dir) throws IOException {
        Map<String, String> out = new HashMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(p -> p.toString().endsWith(".yaml") && !p.endsWith("tables.yaml")).toList()) {
                List<String> bases = new java.util.ArrayList<>();
                String name = null;
                for (String line : Files.readAllLines(p)) {
                    String t = line.trim();
                    if (t.startsWith("- base:")) {
                        bases.add(t.substring("- base:".length()).trim());
                    } else if (t.startsWith("- name:")) {
                        name = t.substring("- name:".length()).trim();
                    } else if (t.matches("sha256: [0-9a-f]{64}") && name != null) {
                        for (String base : bases) {
                            out.put(base + name, t.substring("sha256:".length()).trim());
                        }
                    }
                }
            }
        }
        return out;
    }
}
