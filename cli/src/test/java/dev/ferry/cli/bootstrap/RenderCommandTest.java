package dev.ferry.cli.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRun;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry bootstrap render}: what reaches the user when the mirror cannot be read, and the flags each refusal names. */
class RenderCommandTest {
    @TempDir
    Path dir;

    static Hash sha256(String s) {
        return Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** The lock plan writes for amd64, every hash pinned but kubectl's when it is to come from the mirror's sidecar. */
    Path lock(boolean kubectlFromSidecar) {
        Path planned = dir.resolve("planned.lock");
        CliRun plan = CliRun.of("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--arch", "amd64", "--lock-file", planned.toString());
        assertEquals(0, plan.exitCode(), plan.toString());
        Lock l = LockFile.read(planned);
        List<Asset> assets = l.assets().stream().map(a -> kubectlFromSidecar && a.kind().equals(AssetKind.KUBECTL)
                ? a.withHash(new ExpectedHash.FromSidecar(a.url() + ".sha256", SidecarFormat.BARE, HashAlgorithm.SHA256))
                : a.withHash(new ExpectedHash.Known(sha256(a.url()), Provenance.PINNED))).toList();
        Path file = dir.resolve("ferry.lock");
        LockFile.write(new Lock(l.generatedBy(), l.layout(), l.selections(), assets), file);
        return file;
    }

    static String deadMirror() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + "/kops";
        }
    }

    @Test
    void anUnreachableMirrorIsAFailureWithTheUrlAndTheCause() throws IOException {
        String dead = deadMirror();
        CliRun r = CliRun.of("bootstrap", "render", "--lock", lock(true).toString(), "--mirror", dead, "--max-pods", "29");
        // Before: exit 0 and user-data without kubectl ("left out: no sha256 known at render time").
        assertEquals(1, r.exitCode(), r.toString());
        assertEquals("", r.out(), "no user-data");
        assertTrue(r.err().contains("error: cannot read the sha256 of 1 file(s) the lock does not pin (kubectl amd64) from the mirror: "
                + dead + ": connection refused by 127.0.0.1:"), r.err());
        assertTrue(r.err().contains("what to do: "), r.err());
        assertFalse(r.err().contains("Exception"), "no Java class names: " + r.err());
    }

    @Test
    void aLockThatPinsEverythingNeedsNoMirrorAtRenderTime() throws IOException {
        CliRun r = CliRun.of("bootstrap", "render", "--lock", lock(false).toString(), "--mirror", deadMirror(), "--max-pods", "29");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().startsWith("#!/bin/bash\n"));
        assertTrue(r.err().contains("kubelet maxPods 29 (given)"), r.err());
    }

    @Test
    void refusalsNameTheFlagsThatFixThem() throws IOException {
        String lock = lock(false).toString();
        CliRun arch = CliRun.of("bootstrap", "render", "--lock", lock, "--mirror", "https://m.example/kops", "--arch", "arm64", "--max-pods", "29");
        assertEquals(2, arch.exitCode(), arch.toString());
        assertTrue(arch.err().contains("error: the lock has no containerd for arm64"), arch.err());
        assertTrue(arch.err().contains("what to do: plan the lock with --arch arm64, or render for the arches the lock holds (--arch)"), arch.err());

        CliRun vpcCni = CliRun.of("bootstrap", "render", "--lock", lock, "--mirror", "https://m.example/kops", "--custom-networking");
        assertEquals(2, vpcCni.exitCode(), vpcCni.toString());
        assertTrue(vpcCni.err().contains("what to do: give --instance-type TYPE (computed) or --max-pods N"), vpcCni.err());

        CliRun both = CliRun.of("bootstrap", "render", "--lock", lock, "--mirror", "https://m.example/kops", "--max-pods", "29",
                "--instance-type", "m5.large");
        assertEquals(2, both.exitCode(), both.toString());
        assertTrue(both.err().contains("--max-pods") && both.err().contains("--instance-type"), both.err());

        CliRun unknownType = CliRun.of("bootstrap", "render", "--lock", lock, "--mirror", "https://m.example/kops", "--instance-type", "m9.huge");
        assertEquals(2, unknownType.exitCode(), unknownType.toString());
        assertTrue(unknownType.err().contains("give another source (--instance-types-file or --region)"), unknownType.err());
    }

    @Test
    void theInstanceTypeSetsMaxPodsWithThePodNetworking() throws IOException {
        CliRun r = CliRun.of("bootstrap", "render", "--lock", lock(false).toString(), "--mirror", "https://m.example/kops",
                "--instance-type", "m5.large", "--custom-networking", "--kubernetes", "v1.30.0", "--output", "json");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("\"maxPods\": 20"), r.out());
        assertTrue(r.out().contains("\"mode\": \"custom-networking\""), r.out());
        assertTrue(r.out().contains("INSTALL_CNI=0"), "custom networking leaves the CNI plugins to the Amazon VPC CNI");
    }
}
