package dev.ferry.e2e.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.UpstreamAndBucket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.model.Permission;

/** Flags beside {@code --lock} mean what they say: a source mirror applies, content flags are refused, --acl reaches objects already there. */
class FlagsWithLockTest {
    @RegisterExtension
    static final UpstreamAndBucket servers = new UpstreamAndBucket("acl-test");

    @TempDir
    Path tmp;

    static final byte[] A = TestLock.bytes(30_000, 41);
    static final byte[] B = TestLock.bytes(30_000, 42);

    /** A lock whose canonical host does not resolve, with a source mirror of its own that has nothing. */
    private Path deadLock() {
        servers.upstream.file("/flag/r/a", A).file("/flag/r/b", B);
        return new TestLock().known("https://dl.k8s.io.invalid/r/a", A).mirroredAt(servers.upstream.url("/lock-mirror/r/a"))
                .known("https://dl.k8s.io.invalid/r/b", B).write(tmp.resolve("ferry.lock"));
    }

    @Test
    void aSourceMirrorAppliesWithALockOnSyncAndPackBeforeTheLocksOwnMirrors() throws Exception {
        Path lock = deadLock();
        String mirror = "--source-mirror=https://dl.k8s.io.invalid/=" + servers.upstream.url("/flag/");
        Cli.Result sync = Cli.run("mirror", "sync", "--lock", lock.toString(), mirror, "--to", "file:" + tmp.resolve("m"),
                "--cache", tmp.resolve("c1").toString());
        assertEquals(0, sync.exit(), sync.toString());
        assertEquals(TestLock.sha256(A), Files.readString(tmp.resolve("m/r/a.sha256")));
        assertEquals(List.of(), servers.upstream.requests("/lock-mirror/r/a"), "the flag's mirror is tried before the lock's own");

        Path bundle = tmp.resolve("b.tar.zst");
        Cli.Result pack = Cli.run("mirror", "pack", "--lock", lock.toString(), mirror, "--bundle", bundle.toString(),
                "--cache", tmp.resolve("c2").toString());
        assertEquals(0, pack.exit(), pack.toString());
        assertTrue(Files.exists(bundle));
        assertEquals(2, servers.upstream.requests("/flag/r/a").size(), "sync and pack both downloaded through the flag's mirror");
    }

    @Test
    void flagsThatChangeWhatIsMirroredAreRefusedWithALock() {
        Path lock = deadLock();
        List<List<String>> flags = List.of(List.of("--arch", "amd64"), List.of("--networking", "cilium"), List.of("--nerdctl"),
                List.of("--crictl"), List.of("--kube-image-tars"), List.of("--kops-images"), List.of("--kubernetes", "1.30.0"));
        for (String command : List.of("sync", "pack")) {
            for (List<String> flag : flags) {
                List<String> args = new ArrayList<>(List.of("mirror", command, "--lock", lock.toString(), "--cache", tmp.resolve("c").toString()));
                args.addAll(command.equals("sync") ? List.of("--to", "file:" + tmp.resolve("m")) : List.of("--bundle", tmp.resolve("b").toString()));
                args.addAll(flag);
                Cli.Result r = Cli.run(args);
                assertEquals(2, r.exit(), r.toString());
                assertTrue(r.err().contains(flag.get(0) + " changes what is mirrored, and the lock already says that"), r.err());
                assertTrue(r.err().contains("plan again with them"), r.err());
            }
        }
        assertEquals(List.of(), servers.upstream.requests(), "nothing was downloaded");
        assertFalse(Files.exists(tmp.resolve("m")));
    }

    @Test
    void aSkippedObjectGetsTheAclAskedForAndTheSummaryCountsIt() {
        servers.upstream.file("/r/a", A).file("/r/b", B);
        Path lock = new TestLock().known(servers.upstream.url("/r/a"), A).known(servers.upstream.url("/r/b"), B).write(tmp.resolve("ferry.lock"));
        List<String> sync = Cli.args(List.of("mirror", "sync", "--lock", lock.toString(), "--to", servers.bucket.target("kops"),
                "--cache", tmp.resolve("c").toString()), servers.bucket.ferryFlags().toArray(String[]::new));
        assertEquals(0, Cli.run(sync).exit());
        assertFalse(publicRead("kops/r/a") || publicRead("kops/r/a.sha256"), "synced without --acl: private");

        Cli.Result r = Cli.run(Cli.args(sync, "--acl", "public-read"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("0 published, 2 skipped (ACL set on 2), 0 failed"), r.out());
        assertTrue(r.out().contains("sidecar matches; ACL set to public-read"), r.out());
        for (String key : List.of("kops/r/a", "kops/r/a.sha256", "kops/r/b", "kops/r/b.sha256")) {
            assertTrue(publicRead(key), key + " is public-read now");
        }
        Cli.Result again = Cli.run(Cli.args(sync, "--acl", "public-read", "-o", "json"));
        assertTrue(again.out().contains("\"aclsSet\": 0"), again.out());

        Cli.Result back = Cli.run(Cli.args(sync, "--acl", "private", "-o", "json"));
        assertEquals(0, back.exit(), back.toString());
        assertTrue(back.out().contains("\"aclsSet\": 2"), back.out());
        assertFalse(publicRead("kops/r/b") || publicRead("kops/r/b.sha256"), "--acl private takes the public grant away");
    }

    /** What verify advises for private objects now works: the advised sync makes the mirror anonymously readable. */
    @Test
    void verifysAclAdviceMakesAPrivateMirrorReadable() {
        servers.upstream.file("/r/a", A);
        Path lock = new TestLock().known(servers.upstream.url("/r/a"), A).write(tmp.resolve("ferry.lock"));
        List<String> sync = Cli.args(List.of("mirror", "sync", "--lock", lock.toString(), "--to", servers.bucket.target("kops"),
                "--cache", tmp.resolve("c").toString()), servers.bucket.ferryFlags().toArray(String[]::new));
        assertEquals(0, Cli.run(sync).exit());
        List<String> verify = Cli.args(List.of("mirror", "verify", "--lock", lock.toString(), "--to", servers.bucket.target("kops"),
                "--public-url", servers.bucket.endpoint() + "/acl-test/kops"), servers.bucket.ferryFlags().toArray(String[]::new));
        Cli.Result before = Cli.run(verify);
        assertEquals(1, before.exit(), before.toString());
        assertTrue(before.out().contains("--acl public-read`, which gives objects already there that ACL too"), before.out());
        assertEquals(0, Cli.run(Cli.args(sync, "--acl", "public-read")).exit());
        Cli.Result after = Cli.run(verify);
        assertEquals(0, after.exit(), after.toString());
    }

    @Test
    void pushSetsTheAclOfObjectsAlreadyThere() {
        servers.upstream.file("/r/a", A);
        Path lock = new TestLock().known(servers.upstream.url("/r/a"), A).write(tmp.resolve("ferry.lock"));
        Path bundle = tmp.resolve("b.tar.zst");
        assertEquals(0, Cli.run("mirror", "pack", "--lock", lock.toString(), "--bundle", bundle.toString(), "--cache", tmp.resolve("c").toString()).exit());
        List<String> push = Cli.args(List.of("mirror", "push", bundle.toString(), "--to", servers.bucket.target("kops")), servers.bucket.ferryFlags().toArray(String[]::new));
        assertEquals(0, Cli.run(push).exit());
        Cli.Result r = Cli.run(Cli.args(push, "--acl", "public-read"));
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("0 published (0 B), 1 already there with a matching sidecar (ACL set on 1)"), r.out());
        assertTrue(publicRead("kops/r/a") && publicRead("kops/r/a.sha256"));
    }

    @Test
    void oneOfAThingIsSingular() {
        servers.upstream.file("/r/a", A);
        Path lock = new TestLock().known(servers.upstream.url("/r/a"), A).write(tmp.resolve("ferry.lock"));
        Cli.Result r = Cli.run("mirror", "sync", "--lock", lock.toString(), "--to", "file:" + tmp.resolve("m"), "--jobs", "1",
                "--cache", tmp.resolve("c").toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.err().contains("syncing 1 asset to file:") && r.err().contains("(kops layout, 1 job, downloads"), r.err());
        Cli.Result pack = Cli.run("mirror", "pack", "--lock", lock.toString(), "--bundle", tmp.resolve("b.tar.zst").toString(),
                "--cache", tmp.resolve("c").toString());
        assertTrue(pack.err().contains("packing 1 asset into") && pack.out().contains("packed 1 asset ("), pack.toString());
    }

    private static boolean publicRead(String key) {
        return servers.bucket.client().getObjectAcl(a -> a.bucket("acl-test").key(key)).grants().stream()
                .anyMatch(g -> g.permission() == Permission.READ && g.grantee().uri() != null && g.grantee().uri().endsWith("/AllUsers"));
    }
}
