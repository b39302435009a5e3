package dev.ferry.mirror.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.SidecarFormat;
import org.junit.jupiter.api.Test;

class ChecksumFileTest {
    static final String A = "a".repeat(64);
    static final String B = "b".repeat(64);
    static final String C = "c".repeat(64);

    private static String parse(String text, SidecarFormat f, String url) {
        return ChecksumFile.parse(text, f, HashAlgorithm.SHA256, url, url + ".sha256").hex();
    }

    @Test
    void bareTakesTheFirstFieldAsKopsDoes() {
        assertEquals(A, parse(A, SidecarFormat.BARE, "https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubelet"));
        assertEquals(A, parse(A.toUpperCase() + "  kubelet\n", SidecarFormat.BARE, "https://x/kubelet"));
    }

    @Test
    void sumsPicksTheLineOfTheFileSkippingPgpArmour() {
        String runc = "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n" + A + "  runc.arm64\n" + B + "  runc.amd64\n"
                + "-----BEGIN PGP SIGNATURE-----\n\n" + C + "  runc.amd64\n-----END PGP SIGNATURE-----\n";
        assertEquals(B, parse(runc, SidecarFormat.SUMS, "https://github.com/opencontainers/runc/releases/download/v1.1.14/runc.amd64"));
        assertEquals(A, parse(A + " *containerd-1.7.22-linux-amd64.tar.gz\n", SidecarFormat.SUMS,
                "https://github.com/containerd/containerd/releases/download/v1.7.22/containerd-1.7.22-linux-amd64.tar.gz"));
    }

    @Test
    void sha256sumsUsesTheMostSpecificPath() {
        String sums = A + "  bin/linux/amd64/kubelet\n" + B + "  bin/linux/arm64/kubelet\n";
        assertEquals(B, parse(sums, SidecarFormat.SUMS, "https://dl.k8s.io/release/v1.30.0/bin/linux/arm64/kubelet"));
        assertEquals(A, parse(sums, SidecarFormat.SUMS, "https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubelet"));
    }

    @Test
    void unusableFilesAreRefusedNamingTheUrl() {
        FerryException e = assertThrows(FerryException.class, () -> parse(A + "  other\n", SidecarFormat.SUMS, "https://x/kubelet"));
        assertTrue(e.getMessage().contains("https://x/kubelet.sha256") && e.getMessage().contains("no line for kubelet"), e.getMessage());
        assertThrows(FerryException.class, () -> parse("", SidecarFormat.BARE, "https://x/kubelet"));
        assertThrows(FerryException.class, () -> parse("<html>404</html>", SidecarFormat.BARE, "https://x/kubelet"));
        assertThrows(FerryException.class, () -> parse("a".repeat(128), SidecarFormat.BARE, "https://x/kubelet"));
        String ambiguous = A + "  linux/amd64/kubelet\n" + B + "  other/amd64/kubelet\n" + C + "  kubelet\n";
        assertEquals(C, parse(ambiguous, SidecarFormat.SUMS, "https://x/kubelet"));
    }
}
