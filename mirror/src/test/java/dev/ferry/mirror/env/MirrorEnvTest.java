package dev.ferry.mirror.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.catalog.Catalog;
import dev.ferry.mirror.catalog.CatalogRequest;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.Version;
import dev.ferry.mirror.env.KopsSettings.Severity;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.plan.PlanInput;
import dev.ferry.mirror.plan.Planner;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MirrorEnvTest {
    static final String CN = "https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops";

    static Lock lock(String kops, String kubernetes, String... options) {
        CatalogRequest r = new CatalogRequest(Version.parse(kops, "kops"), Optional.of(Version.parse(kubernetes, "k8s")),
                List.of(Arch.AMD64, Arch.ARM64), Networking.OTHER, Set.of(options));
        return new Planner(Catalog.builtIn()).plan(new PlanInput(List.of(r), Optional.empty(), List.of(), List.of(), Optional.empty(), "test"))
                .lock();
    }

    static KopsSettings one(String url, Lock lock, String region) {
        List<KopsSettings> all = MirrorEnv.settings(PublicUrl.parse(url), lock, Optional.ofNullable(region));
        assertEquals(1, all.size());
        return all.get(0);
    }

    static boolean warns(KopsSettings s, String text) {
        return s.notes().stream().anyMatch(n -> n.severity() == Severity.WARNING && n.text().contains(text));
    }

    @Test
    void chinaBucketKopsLayout() {
        KopsSettings s = one(CN + "/", lock("1.30.4", "1.30.0", "kube-image-tars"), "cn-north-1");
        assertEquals(CN + "/binaries/kops/1.30.4/", s.kopsBaseUrl().orElseThrow());
        assertEquals(CN, s.fileRepository().orElseThrow());
        assertEquals(CN + "/release/v1.30.0", s.kubernetesVersionUrl().orElseThrow());
        assertTrue(s.cniVersionUrl().isEmpty());
        assertTrue(s.notes().isEmpty(), s.notes().toString());
    }

    @Test
    void noKubernetesVersionUrlWithoutTheImageTars() {
        KopsSettings s = one(CN, lock("1.30.4", "1.30.0"), null);
        assertTrue(s.kubernetesVersionUrl().isEmpty());
        assertTrue(s.notes().stream().anyMatch(n -> n.severity() == Severity.NOTE && n.text().contains("--kube-image-tars")));
        assertFalse(s.hasWarnings());
    }

    @Test
    void kops126UsesTheOldKubernetesReleasePath() {
        KopsSettings s = one(CN, lock("1.26.0", "1.26.15", "kube-image-tars"), null);
        assertEquals(CN + "/kubernetes-release/release/v1.26.15", s.kubernetesVersionUrl().orElseThrow());
    }

    @Test
    void legacyLayoutGivesTheSeedsVariables() {
        String url = "https://s3.cn-north-1.amazonaws.com.cn/my-bucket";
        KopsSettings s = one(url, lock("1.9.2", "1.9.11"), "cn-north-1");
        assertEquals(Layout.LEGACY, s.layout());
        assertEquals(url + "/kops/1.9.2/", s.kopsBaseUrl().orElseThrow());
        assertEquals(url + "/kubernetes/release/v1.9.11", s.kubernetesVersionUrl().orElseThrow());
        assertTrue(s.cniVersionUrl().orElseThrow().startsWith(url + "/kubernetes/network-plugins/cni-0799f57"));
        assertTrue(s.fileRepository().isEmpty());
        assertFalse(s.hasWarnings(), s.notes().toString());
    }

    @Test
    void s3SchemeCannotWorkInChina() {
        KopsSettings s = one("s3://my-bucket/kops", lock("1.30.4", "1.30.0"), "cn-northwest-1");
        assertTrue(warns(s, "https://my-bucket.s3.cn-northwest-1.amazonaws.com.cn/kops"), s.notes().toString());
        KopsSettings anywhere = one("s3://my-bucket/kops", lock("1.30.4", "1.30.0"), null);
        assertTrue(warns(anywhere, "cannot work in AWS China"), anywhere.notes().toString());
    }

    @Test
    void urlShapesThatCannotWork() {
        Lock l = lock("1.30.4", "1.30.0");
        assertTrue(warns(one("https://my.bucket.s3.cn-north-1.amazonaws.com.cn/kops", l, null),
                "https://s3.cn-north-1.amazonaws.com.cn/my.bucket/kops"));
        assertTrue(warns(one("https://my-bucket.s3.amazonaws.com.cn/kops", l, "cn-northwest-1"), "no global S3 endpoint"));
        assertTrue(warns(one("https://my-bucket.s3.us-east-1.amazonaws.com/kops", l, "cn-north-1"), "not a China endpoint"));
        KopsSettings lan = one("http://10.0.0.5:8080", l, null);
        assertFalse(lan.hasWarnings(), lan.notes().toString());
        assertEquals("http://10.0.0.5:8080/binaries/kops/1.30.4/", lan.kopsBaseUrl().orElseThrow());
    }

    @Test
    void kopsBaseUrlMustEndInTheVersionFrom136() {
        // A lock whose nodeup sits under a GitHub-style key: the KOPS_BASE_URL derived from it ends in v1.36.0.
        Lock l = lock("1.36.0", "1.36.0");
        List<Asset> moved = l.assets().stream().map(a -> a.kind().equals(AssetKind.NODEUP)
                ? a.withKeys(Map.of(Layout.KOPS, "kops-releases/v1.36.0/linux/" + a.archLabel() + "/nodeup",
                        Layout.LEGACY, a.key(Layout.LEGACY)))
                : a).toList();
        KopsSettings s = one(CN, new Lock(l.generatedBy(), l.layout(), l.selections(), moved), null);
        assertEquals(CN + "/kops-releases/v1.36.0/", s.kopsBaseUrl().orElseThrow());
        assertTrue(warns(s, "kOps 1.36 and later refuse it"), s.notes().toString());
    }

    @Test
    void badUrlsAreRefused() {
        for (String bad : List.of("ftp://host/x", "not a url", "https:///nohost", "https://h/x?y=1")) {
            FerryException e = assertThrows(FerryException.class, () -> PublicUrl.parse(bad), bad);
            assertEquals(FerryException.BAD_USAGE, e.exitCode());
        }
    }

    @Test
    void aLockFromKopsGetAssetsNamesItsReleaseThroughItsAssets() {
        Lock planned = lock("1.30.4", "1.30.0");
        Lock fromAssets = new Lock(planned.generatedBy(), planned.layout(), List.of(), planned.assets());
        KopsSettings s = one(CN, fromAssets, "cn-north-1");
        assertEquals("1.30.4", s.kops());
        assertEquals("1.30.0", s.kubernetes());
        assertEquals(CN + "/binaries/kops/1.30.4/", s.kopsBaseUrl().orElseThrow());
    }

    @Test
    void aCommercialEndpointForAChinaRegionGetsOneVerdict() {
        KopsSettings s = one("https://b.s3.us-east-1.amazonaws.com/k", lock("1.30.4", "1.30.0"), "cn-north-1");
        assertTrue(warns(s, "not a China endpoint"), s.notes().toString());
        assertTrue(s.notes().stream().noneMatch(n -> n.text().contains("that works if")), "no second note saying it may work: " + s.notes());
    }
}
