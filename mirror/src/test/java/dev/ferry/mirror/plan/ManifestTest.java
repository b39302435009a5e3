package dev.ferry.mirror.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.catalog.Networking;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ManifestTest {

    @Test
    void severalClustersSharedSelectorsAndExtras() {
        Manifest m = Manifest.parse("""
                clusters:
                  - kops: 1.30.4
                    kubernetes: 1.30.0
                  - kops: 1.34.0
                    networking: amazonvpc
                    include: [nerdctl]
                arch: amd64
                include: [kops-images]
                sourceMirrors:
                  - {prefix: "https://github.com/", url: "https://gh.example.cn/"}
                files:
                  - url: https://example.com/addons/calico.yaml
                    sha256: 0000000000000000000000000000000000000000000000000000000000000000
                    key: addons/calico.yaml
                """, "ferry.yaml");
        assertEquals(2, m.clusters().size());
        assertEquals("1.30.0", m.clusters().get(0).kubernetes().orElseThrow().text());
        assertEquals(Optional.empty(), m.clusters().get(1).kubernetes());
        assertEquals(List.of(Arch.AMD64), m.clusters().get(1).arches());
        assertEquals(Networking.AMAZONVPC, m.clusters().get(1).networking());
        assertEquals(Networking.OTHER, m.clusters().get(0).networking());
        assertEquals(Set.of("kops-images", "nerdctl"), m.clusters().get(1).options());
        assertEquals(1, m.sourceMirrors().size());
        assertEquals(Optional.of("addons/calico.yaml"), m.files().get(0).key());
    }

    @Test
    void errorsSayFileLineAndWhat() {
        FerryException typo = assertThrows(FerryException.class, () -> Manifest.parse("""
                clusters:
                  - kops: 1.30.4
                    kubernets: 1.30.0
                """, "ferry.yaml"));
        assertTrue(typo.getMessage().startsWith("ferry.yaml:3:") && typo.getMessage().contains("kubernets"), typo.getMessage());
        assertTrue(typo.hint().orElseThrow().contains("kubernetes"));
        assertEquals(FerryException.BAD_USAGE, typo.exitCode());

        FerryException syntax = assertThrows(FerryException.class, () -> Manifest.parse("clusters:\n  - kops: [1.30\n", "ferry.yaml"));
        assertTrue(syntax.getMessage().startsWith("ferry.yaml:") && syntax.getMessage().contains("not valid YAML"), syntax.getMessage());

        FerryException arch = assertThrows(FerryException.class, () -> Manifest.parse("clusters:\n  - kops: 1.30.4\narch: [amd64, s390x]\n", "f.yaml"));
        assertTrue(arch.getMessage().startsWith("f.yaml:3:") && arch.getMessage().contains("s390x"), arch.getMessage());

        FerryException missing = assertThrows(FerryException.class, () -> Manifest.read(Path.of("/nonexistent/ferry.yaml")));
        assertTrue(missing.getMessage().contains("no such file"), missing.getMessage());
    }
}
