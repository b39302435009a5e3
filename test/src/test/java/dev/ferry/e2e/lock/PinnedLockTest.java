package dev.ferry.e2e.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A lock that pins every byte: plan pins what kOps's tables cover offline, --resolve (and lock pin) the rest from
 * the upstream sidecars, sync refuses a file that changed upstream after pinning, lock verify names a pin that
 * disagrees.
 */
class PinnedLockTest {
    @TempDir
    Path tmp;

    Upstream up;

    @BeforeEach
    void start() {
        up = Upstream.start();
    }

    @AfterEach
    void stop() {
        up.close();
    }

    @Test
    void planPinsTheTablesOfflineAndResolvePinsTheRestFromTheUpstreamSidecars() throws Exception {
        Path offline = tmp.resolve("offline.lock");
        Cli.Result plan = Cli.run("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--lock-file", offline.toString());
        assertEquals(0, plan.exit(), plan.toString());
        assertTrue(plan.out().contains("22 files: 12 pinned (12 from kops-assetdata), 10 unpinned"), plan.out());
        Lock lock = LockFile.read(offline);
        assertEquals(Set.of("channels", "ecr-credential-provider", "nerdctl", "nodeup", "protokube"), unpinnedKinds(lock));
        assertTrue(Files.readString(offline).contains("    from: kops-assetdata\n"), "the lock says where each pin is from");

        Map<String, String> served = serveSidecars();
        Path resolved = tmp.resolve("ferry.lock");
        Cli.Result r = Cli.run("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--resolve=files", "--lock-file", resolved.toString(),
                "--source-mirror", "https://artifacts.k8s.io/=" + up.url("/artifacts/"),
                "--source-mirror", "https://github.com/=" + up.url("/github/"), "--retry-delay-ms", "10",
                "--verify-signatures", "off"); // this test is about sidecars: the local upstream serves no signatures
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("22 files: 22 pinned (12 from kops-assetdata, 10 from upstream-sidecar), 0 unpinned"), r.out());
        for (Asset a : LockFile.read(resolved).assets()) {
            ExpectedHash.Known k = assertInstanceOf(ExpectedHash.Known.class, a.hash(), a.url());
            if (k.provenance() == Provenance.UPSTREAM_SIDECAR) {
                assertEquals(served.get(a.url()), k.hash().hex(), a.url());
            }
        }
        String text = Files.readString(resolved);
        assertTrue(text.contains("    from: upstream-sidecar\n    sidecar: https://artifacts.k8s.io/binaries/kops/1.30.4/linux/amd64/nodeup.sha256\n"),
                "the lock names the sidecar each pin was read from:\n" + text);
        assertEquals(1, up.requests("/github/containerd/nerdctl/releases/download/v1.7.4/SHA256SUMS").size(), "a checksum list is read once");
    }

    @Test
    void aFileChangedUpstreamAfterPinningFailsItsSyncAndNothingOfItIsPublished() throws Exception {
        byte[] a = TestLock.bytes(20_000, 1);
        byte[] b = TestLock.bytes(20_000, 2);
        serve("/r/a", a);
        serve("/r/b", b);
        Path manifest = Files.writeString(tmp.resolve("ferry.yaml"), "files:\n  - url: " + up.url("/r/a") + "\n  - url: " + up.url("/r/b") + "\n");
        Path pinned = tmp.resolve("pinned.lock");
        Path unpinned = tmp.resolve("unpinned.lock");
        assertEquals(0, Cli.run("mirror", "plan", "--manifest", manifest.toString(), "--lock-file", unpinned.toString()).exit());
        Cli.Result plan = Cli.run("mirror", "plan", "--manifest", manifest.toString(), "--resolve", "--lock-file", pinned.toString());
        assertEquals(0, plan.exit(), plan.toString());

        byte[] changed = TestLock.bytes(20_000, 3);
        serve("/r/b", changed); // the file and its sidecar, replaced together: the sidecar alone cannot catch it
        Cli.Result sync = Cli.run("mirror", "sync", "--lock", pinned.toString(), "--to", "file:" + tmp.resolve("m1"), "--cache", tmp.resolve("c1").toString());
        assertEquals(1, sync.exit(), sync.toString());
        assertTrue(sync.err().contains("r/b: sha256 mismatch for " + up.url("/r/b") + ": expected " + TestLock.sha256(b)
                + ", got " + TestLock.sha256(changed)), sync.err());
        assertTrue(sync.err().contains("error: 1 of 2 assets failed; the other 1 are published"), sync.err());
        assertTrue(Files.exists(tmp.resolve("m1/r/a.sha256")));
        assertFalse(Files.exists(tmp.resolve("m1/r/b")) || Files.exists(tmp.resolve("m1/r/b.sha256")), "nothing of r/b is published");

        // Unpinned, the same change is published, and the run says so and how to pin.
        Cli.Result loose = Cli.run("mirror", "sync", "--lock", unpinned.toString(), "--to", "file:" + tmp.resolve("m2"), "--cache", tmp.resolve("c2").toString());
        assertEquals(0, loose.exit(), loose.toString());
        assertEquals(TestLock.sha256(changed), Files.readString(tmp.resolve("m2/r/b.sha256")));
        assertTrue(loose.out().contains("note: 2 assets are not pinned by the lock") && loose.out().contains("ferry mirror lock pin " + unpinned),
                loose.out());

        // A bundle of the unpinned lock says so on the other side too.
        Path bundle = tmp.resolve("b.tar.zst");
        assertEquals(0, Cli.run("mirror", "pack", "--lock", unpinned.toString(), "--bundle", bundle.toString(), "--cache", tmp.resolve("c2").toString()).exit());
        Cli.Result push = Cli.run("mirror", "push", bundle.toString(), "--to", "file:" + tmp.resolve("m3"));
        assertEquals(0, push.exit(), push.toString());
        assertTrue(push.out().contains("note: 2 assets were not pinned by the lock in the bundle"), push.out());

        // lock verify --online names the pin the upstream now contradicts.
        Cli.Result verify = Cli.run("mirror", "lock", "verify", pinned.toString(), "--online");
        assertEquals(1, verify.exit(), verify.toString());
        assertTrue(verify.err().contains("r/b: the lock pins sha256:" + TestLock.sha256(b) + " (upstream-sidecar), but its upstream checksum file "
                + up.url("/r/b.sha256") + " says " + TestLock.sha256(changed)), verify.err());
        assertFalse(verify.err().contains("r/a:"), verify.err());
    }

    @Test
    void lockPinPinsAnExistingLockInPlace() throws Exception {
        byte[] a = TestLock.bytes(5_000, 4);
        serve("/r/a", a);
        Path lock = new TestLock().fromSidecar(up.url("/r/a"), up.url("/r/a.sha256"), dev.ferry.mirror.asset.SidecarFormat.BARE)
                .known(up.url("/r/k"), TestLock.bytes(10, 5)).write(tmp.resolve("ferry.lock"));
        Cli.Result r = Cli.run("mirror", "lock", "pin", lock.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("pinned 1 hash from upstream sidecars into " + lock), r.out());
        ExpectedHash.Known k = assertInstanceOf(ExpectedHash.Known.class, LockFile.read(lock).assets().get(0).hash());
        assertEquals(TestLock.sha256(a), k.hash().hex());
        Cli.Result again = Cli.run("mirror", "lock", "pin", lock.toString());
        assertTrue(again.out().contains("was already pinned; the lock is unchanged"), again.out());

        up.remove("/r/a.sha256");
        Path other = new TestLock().fromSidecar(up.url("/r/a"), up.url("/r/a.sha256"), dev.ferry.mirror.asset.SidecarFormat.BARE)
                .write(tmp.resolve("other.lock"));
        String before = Files.readString(other);
        Cli.Result missing = Cli.run("mirror", "lock", "pin", other.toString(), "--retry-delay-ms", "10");
        assertEquals(1, missing.exit(), missing.toString());
        assertTrue(missing.err().contains("could not be pinned") && missing.err().contains("no lock was written"), missing.err());
        assertEquals(before, Files.readString(other), "a lock that could not be pinned whole is left as it was");
    }

    @Test
    void lockVerifyNamesAPinTheCatalogContradicts() throws Exception {
        Path lock = tmp.resolve("ferry.lock");
        assertEquals(0, Cli.run("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "--lock-file", lock.toString()).exit());
        Cli.Result clean = Cli.run("mirror", "lock", "verify", lock.toString());
        assertEquals(0, clean.exit(), clean.toString());
        assertTrue(clean.out().contains("12 pinned hashes against Ferry's catalog") && clean.out().contains("10 unpinned"), clean.out());

        String kubelet = "32a32ec3d7e7f8b2648c9dd503ce9ef63b4af1d1677f5b5aed7846fb02d66f18";
        Files.writeString(lock, Files.readString(lock).replace(kubelet, "0".repeat(64)));
        Cli.Result r = Cli.run("mirror", "lock", "verify", lock.toString(), "-o", "json");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("error: 1 pinned hash disagrees:"), r.err());
        assertTrue(r.err().contains("release/v1.30.0/bin/linux/amd64/kubelet: the lock pins sha256:" + "0".repeat(64)
                + " (kops-assetdata), but kOps's table k8s-1.30.yaml at kOps d00e45b51936 says " + kubelet), r.err());
        assertTrue(r.out().contains("\"ok\": false") && r.out().contains("\"againstCatalog\": 12"), r.out());
    }

    /** Serves a file and its bare .sha256. */
    private void serve(String path, byte[] bytes) {
        up.file(path, bytes).sha256Sidecar(path, TestLock.sha256(bytes));
    }

    /** The sidecars of what kOps 1.30.4's tables leave out, under the two source mirrors; their hashes by canonical URL. */
    private Map<String, String> serveSidecars() {
        Map<String, String> byUrl = new java.util.HashMap<>();
        StringBuilder sums = new StringBuilder();
        for (String arch : List.of("amd64", "arm64")) {
            for (String bin : List.of("nodeup", "protokube", "channels")) {
                String path = "/binaries/kops/1.30.4/linux/" + arch + "/" + bin;
                byUrl.put("https://artifacts.k8s.io" + path, TestLock.sha256((bin + arch).getBytes()));
                up.sha256Sidecar("/artifacts" + path, byUrl.get("https://artifacts.k8s.io" + path));
            }
            String ecr = "/binaries/cloud-provider-aws/v1.27.1/linux/" + arch + "/ecr-credential-provider-linux-" + arch;
            byUrl.put("https://artifacts.k8s.io" + ecr, TestLock.sha256(("ecr" + arch).getBytes()));
            up.sha256Sidecar("/artifacts" + ecr, byUrl.get("https://artifacts.k8s.io" + ecr));
            String nerdctl = "nerdctl-1.7.4-linux-" + arch + ".tar.gz";
            byUrl.put("https://github.com/containerd/nerdctl/releases/download/v1.7.4/" + nerdctl, TestLock.sha256(nerdctl.getBytes()));
            sums.append(TestLock.sha256(nerdctl.getBytes())).append("  ").append(nerdctl).append('\n');
        }
        up.text("/github/containerd/nerdctl/releases/download/v1.7.4/SHA256SUMS", sums.toString());
        return byUrl;
    }

    private static Set<String> unpinnedKinds(Lock lock) {
        return lock.assets().stream().filter(a -> !a.hash().isPinned()).map(a -> a.kind().name()).collect(Collectors.toCollection(TreeSet::new));
    }
}
