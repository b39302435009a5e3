package dev.ferry.mirror.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.SignatureStatus;
import dev.ferry.mirror.asset.SignedBy;
import dev.ferry.mirror.asset.Signer;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What upstream signs is catalog data: runc's keyring over runc, Kubernetes' sigstore signer over kubelet and kubectl on dl.k8s.io. */
class CatalogSignaturesTest {
    static final Catalog CATALOG = Catalog.builtIn();

    static Asset find(String kops, String kubernetes, String fileName) {
        return CATALOG.resolve(CatalogRequest.of(kops, Optional.of(kubernetes))).assets().stream()
                .filter(a -> a.fileName().equals(fileName)).findFirst().orElseThrow();
    }

    @Test
    void runcIsSignedByItsKeyringTwiceOverTheBinaryAndItsChecksumList() {
        Asset runc = find("1.30.4", "1.30.0", "runc.amd64");
        String release = "https://github.com/opencontainers/runc/releases/download/v1.1.14/";
        assertEquals(Optional.of(new SignedBy(new Signer.BuiltInKeyring("runc"), Optional.of(release + "runc.amd64.asc"), Optional.empty(),
                Optional.of(release + "runc.sha256sum"), Optional.empty())), runc.signedBy());
        assertEquals(SignatureStatus.NOT_CHECKED, runc.signature(), "planned offline: nothing verified yet");
    }

    @Test
    void kubernetesBinariesOnDlK8sIoFrom126CarrySigstoreSignatures() {
        Asset kubelet = find("1.30.4", "1.30.0", "kubelet");
        String base = "https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubelet";
        assertEquals(Optional.of(new SignedBy(new Signer.Sigstore("kubernetes-release"), Optional.of(base + ".sig"), Optional.of(base + ".cert"),
                Optional.empty(), Optional.empty())), kubelet.signedBy());
        assertTrue(find("1.30.4", "1.30.0", "kubectl").signedBy().isPresent());
        Asset older = find("1.27.3", "1.25.16", "kubelet");
        assertEquals(Optional.empty(), older.signedBy(), "Kubernetes signs its binaries from 1.26");
        assertEquals(SignatureStatus.UNSIGNED, older.signature());
        assertEquals(Optional.empty(), find("1.30.4", "1.30.0", "nodeup").signedBy(), "nothing Ferry knows signs nodeup");
    }

    /** A signer the catalog names by name must be one Ferry ships, or every sync of that file would fail. */
    @Test
    void everySignerTheCatalogNamesIsShippedWithFerry() throws Exception {
        String text;
        try (var in = Catalog.class.getResourceAsStream("/dev/ferry/mirror/catalog/kops.yaml")) {
            text = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        var trusted = dev.ferry.mirror.signature.TrustedSigners.upstream();
        int named = 0;
        for (var rule : dev.ferry.format.Yaml.parse(text, "kops.yaml").map("catalog").get("assets").list("assets")) {
            var signedBy = rule.map("asset").get("signedBy");
            if (signedBy == null) {
                continue;
            }
            var m = signedBy.map("signedBy");
            if (m.containsKey("keyring")) {
                trusted.keyring(m.get("keyring").string("keyring"));
            } else {
                trusted.identity(m.get("sigstore").string("sigstore"));
            }
            named++;
        }
        assertEquals(3, named, "runc, kubelet, kubectl");
    }

    @Test
    void aSignatureRuleNamesOneSignerAndWhereItIsRead() {
        String rule = """
                format: 1
                lines:
                  - {kops: "1.30", releases: [1.30.4], kubernetes: 1.30.0, read: x}
                values: {}
                assets:
                  - {kind: tool, url: "https://example.com/{arch}/tool", read: x,
                     signedBy: {keyring: runc, sigstore: kubernetes-release, detached: "{url}.asc", read: y}}
                """;
        FerryException e = assertThrows(FerryException.class, () -> Catalog.parse(rule, "kops.yaml"));
        assertTrue(e.getMessage().startsWith("kops.yaml:7") && e.getMessage().contains("exactly one of keyring"), e.getMessage());
        FerryException unread = assertThrows(FerryException.class, () -> Catalog.parse(rule.replace("sigstore: kubernetes-release, ", "")
                .replace(", read: y", ""), "kops.yaml"));
        assertTrue(unread.getMessage().contains("read"), unread.getMessage());
    }
}
