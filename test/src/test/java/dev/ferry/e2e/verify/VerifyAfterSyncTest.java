package dev.ferry.e2e.verify;

import static dev.ferry.e2e.support.KopsFiles.KUBELET;
import static dev.ferry.e2e.support.KopsFiles.KUBELET_PATH;
import static dev.ferry.e2e.support.KopsFiles.NODEUP_PATH;
import static dev.ferry.e2e.support.KopsFiles.RUNC;
import static dev.ferry.e2e.support.KopsFiles.RUNC_PATH;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.UpstreamAndBucket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * The whole loop a user goes through: {@code sync} publishes, {@code verify} passes; the mirror is damaged the
 * ways it is in the wild; {@code verify} names each fault; doing what its fixes say makes {@code verify} pass again.
 */
class VerifyAfterSyncTest {
    @RegisterExtension
    static final UpstreamAndBucket servers = new UpstreamAndBucket("mirror");

    @TempDir
    Path tmp;

    static final byte[] NODEUP = TestLock.bytes((5 << 20) + 1000, 2); // big enough for a two-part upload

    @BeforeAll
    static void serve() {
        servers.upstream.file(KUBELET_PATH, KUBELET).file(NODEUP_PATH, NODEUP).file(RUNC_PATH, RUNC);
    }

    List<String> cmd(String verb, Path lock, String... more) {
        List<String> a = new ArrayList<>(List.of("mirror", verb, "--lock", lock.toString(), "--to", servers.bucket.target("files")));
        if (verb.equals("sync")) {
            a.addAll(List.of("--cache", tmp.resolve("cache").toString()));
        }
        a.addAll(servers.bucket.ferryFlags());
        a.addAll(Arrays.asList(more));
        return a;
    }

    @Test
    void faultsAreReportedAndTheirFixesWork() {
        Path lock = new TestLock().known(servers.upstream.url(KUBELET_PATH), KUBELET).known(servers.upstream.url(NODEUP_PATH), NODEUP)
                .known(servers.upstream.url(RUNC_PATH), RUNC).write(tmp.resolve("ferry.lock"));
        assertEquals(0, Cli.run(cmd("sync", lock)).exit());
        Cli.Result clean = Cli.run(cmd("verify", lock, "--deep"));
        assertEquals(0, clean.exit(), clean.toString());

        String kubelet = "files" + KUBELET_PATH;
        String nodeup = "files" + NODEUP_PATH;
        String runc = "files" + RUNC_PATH;
        servers.bucket.client().deleteObject(d -> d.bucket("mirror").key(kubelet));                    // lost object, stray sidecar
        servers.bucket.client().putObject(p -> p.bucket("mirror").key(runc + ".sha256"),                // a sha1 in a .sha256
                RequestBody.fromString(TestLock.sha1(RUNC)));
        uploadInTwoParts(nodeup, NODEUP);                                                       // `aws s3 cp` did it

        Cli.Result broken = Cli.run(cmd("verify", lock));
        System.out.println(broken);
        assertEquals(1, broken.exit(), broken.toString());
        assertTrue(broken.out().matches("(?s).*missing-object +" + KUBELET_PATH.substring(1) + " +not in s3://mirror/files, but its sidecar .*"),
                broken.out());
        assertTrue(broken.out().matches("(?s).*wrong-sidecar-algorithm +" + RUNC_PATH.substring(1) + " .*"), broken.out());
        assertTrue(broken.out().matches("(?s).*multipart-etag +" + NODEUP_PATH.substring(1) + " .*"), broken.out());
        assertTrue(broken.out().contains("3 problems on 3 of 3 objects"), broken.out());

        // Do what the fixes say: sync for the first two; withdraw the sidecar, then sync, for the multipart one.
        assertTrue(broken.out().contains("delete " + NODEUP_PATH.substring(1) + ".sha256, then run `ferry mirror sync"), broken.out());
        servers.bucket.client().deleteObject(d -> d.bucket("mirror").key(nodeup + ".sha256"));
        Cli.Result fixed = Cli.run(cmd("sync", lock));
        assertEquals(0, fixed.exit(), fixed.toString());
        Cli.Result again = Cli.run(cmd("verify", lock, "--deep"));
        assertEquals(0, again.exit(), again.toString());
    }

    static void uploadInTwoParts(String key, byte[] b) {
        int part = 5 << 20;
        String id = servers.bucket.client().createMultipartUpload(c -> c.bucket("mirror").key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int n = 1, off = 0; off < b.length; n++, off += part) {
            int partNumber = n;
            byte[] chunk = Arrays.copyOfRange(b, off, Math.min(b.length, off + part));
            String etag = servers.bucket.client().uploadPart(u -> u.bucket("mirror").key(key).uploadId(id).partNumber(partNumber),
                    RequestBody.fromBytes(chunk)).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        servers.bucket.client().completeMultipartUpload(c -> c.bucket("mirror").key(key).uploadId(id).multipartUpload(m -> m.parts(parts)));
    }
}
