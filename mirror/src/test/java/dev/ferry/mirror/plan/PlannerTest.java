package dev.ferry.mirror.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.mirror.catalog.Catalog;
import dev.ferry.mirror.catalog.CatalogRequest;
import dev.ferry.mirror.layout.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
    private final Planner planner = new Planner(Catalog.builtIn());

    private static PlanInput input(List<CatalogRequest> clusters, Optional<Path> kopsAssets, List<ExtraFile> files,
            List<SourceMirror> mirrors) {
        return new PlanInput(clusters, kopsAssets, files, mirrors, Optional.empty(), "ferry test");
    }

    @Test
    void twoUrlsOnOneKeyIsAnErrorNamingBoth() {
        ExtraFile a = new ExtraFile("https://a.example.com/tools/x.tgz", Optional.empty(), Optional.empty(), "m.yaml:3");
        ExtraFile b = new ExtraFile("https://b.example.com/tools/x.tgz", Optional.empty(), Optional.empty(), "m.yaml:6");
        FerryException e = assertThrows(FerryException.class, () -> planner.plan(input(List.of(), Optional.empty(), List.of(a, b), List.of())));
        assertTrue(e.getMessage().contains("https://a.example.com/tools/x.tgz") && e.getMessage().contains("https://b.example.com/tools/x.tgz")
                && e.getMessage().contains("tools/x.tgz"), e.getMessage());
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
    }

    @Test
    void anExtraFileOnASidecarKeyIsRefused() {
        ExtraFile a = new ExtraFile("https://a.example.com/x.tgz", Optional.empty(), Optional.empty(), "m.yaml:3");
        ExtraFile b = new ExtraFile("https://a.example.com/x.tgz.sha256", Optional.empty(), Optional.empty(), "m.yaml:6");
        FerryException e = assertThrows(FerryException.class, () -> planner.plan(input(List.of(), Optional.empty(), List.of(a, b), List.of())));
        assertTrue(e.getMessage().contains("sidecar"), e.getMessage());
    }

    @Test
    void sourceMirrorsGoFirstAndKeepTheCanonicalKey() {
        Plan p = planner.plan(input(List.of(CatalogRequest.of("1.30.4", Optional.of("1.30.0"))), Optional.empty(), List.of(),
                List.of(SourceMirror.parse("https://github.com/=https://gh.example.cn/"))));
        Asset runc = p.lock().assets().stream().filter(a -> a.url().endsWith("runc.amd64")).findFirst().orElseThrow();
        assertEquals(List.of("https://gh.example.cn/opencontainers/runc/releases/download/v1.1.14/runc.amd64", runc.url()), runc.sources());
        assertEquals("opencontainers/runc/releases/download/v1.1.14/runc.amd64", runc.key(Layout.KOPS));
        Asset nodeup = p.lock().assets().stream().filter(a -> a.url().endsWith("amd64/nodeup")).findFirst().orElseThrow();
        // A matching prefix also applies to kOps's own fallback: the github fallback stays after the canonical URL.
        assertEquals(nodeup.url(), nodeup.sources().get(0));
    }

    @Test
    void kopsGetAssetsIsAuthoritative(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("assets.yaml");
        Files.writeString(f, """
                files:
                - canonical: https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubectl
                  download: https://my-bucket.s3.cn-north-1.amazonaws.com.cn/files/release/v1.30.0/bin/linux/amd64/kubectl
                  sha: 7c3807c0f5c1b30110a2ff1e55da1d112a6d0096201f1beb81b269f582b5d1c5
                - canonical: https://artifacts.k8s.io/binaries/kops/1.30.4/linux/arm64/nodeup
                  download: https://my-bucket.s3.cn-north-1.amazonaws.com.cn/files/binaries/kops/1.30.4/linux/arm64/nodeup
                  sha: 1111111111111111111111111111111111111111111111111111111111111111
                images:
                - canonical: registry.k8s.io/pause:3.9
                  download: registry.k8s.io/pause:3.9
                """);
        Plan p = planner.plan(input(List.of(CatalogRequest.of("1.30.4", Optional.of("1.30.0"))), Optional.of(f), List.of(), List.of()));
        assertEquals(22, p.lock().assets().size(), "the kops list and the catalog agree on these files");
        Asset kubectl = p.lock().assets().stream().filter(a -> a.url().endsWith("amd64/kubectl")).findFirst().orElseThrow();
        ExpectedHash.Known k = assertInstanceOf(ExpectedHash.Known.class, kubectl.hash());
        assertEquals(Provenance.KOPS_ASSETS, k.provenance());

        Plan only = planner.plan(input(List.of(), Optional.of(f), List.of(), List.of()));
        assertEquals(2, only.lock().assets().size());
        assertEquals("nodeup", only.lock().assets().get(1).kind().name());
        assertEquals("arm64", only.lock().assets().get(1).archLabel());
    }

    @Test
    void kopsAssetsWithABadHashIsBadInput(@TempDir Path dir) throws Exception {
        Path nonHex = dir.resolve("a.yaml");
        Files.writeString(nonHex, "files:\n- canonical: https://dl.k8s.io/x\n  sha: not-a-hash\n");
        FerryException e1 = assertThrows(FerryException.class, () -> planner.plan(input(List.of(), Optional.of(nonHex), List.of(), List.of())));
        assertTrue(e1.getMessage().contains("a.yaml:2") && e1.getMessage().contains("not a hex hash"), e1.getMessage());
        assertEquals(FerryException.BAD_USAGE, e1.exitCode());

        Path shortHash = dir.resolve("b.json");
        Files.writeString(shortHash, "{\"files\": [\n {\"canonical\": \"https://dl.k8s.io/x\", \"sha\": \"abcdef0123\"}\n]}\n");
        FerryException e2 = assertThrows(FerryException.class, () -> planner.plan(input(List.of(), Optional.of(shortHash), List.of(), List.of())));
        assertTrue(e2.getMessage().contains("10 hex characters"), e2.getMessage());
    }

    @Test
    void conflictingHashesForOneUrlAreRefused() {
        String url = "https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubelet";
        ExtraFile wrong = new ExtraFile(url, Optional.of("00".repeat(32)), Optional.empty(), "m.yaml:4");
        FerryException e = assertThrows(FerryException.class, () -> planner.plan(input(
                List.of(CatalogRequest.of("1.30.4", Optional.of("1.30.0"))), Optional.empty(), List.of(wrong), List.of())));
        assertTrue(e.getMessage().contains("two different hashes") && e.getMessage().contains("m.yaml:4"), e.getMessage());
    }
}
