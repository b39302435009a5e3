package dev.ferry.mirror.verify;

import dev.ferry.progress.Progress;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.env.PublicUrl;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.store.FolderStore;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Verifier} on a folder mirror, with a JDK HTTP server playing the public endpoint's odd answers. */
class VerifierTest {
    static final byte[] NODEUP = "nodeup bytes".getBytes(StandardCharsets.UTF_8);
    static final String KEY = "binaries/kops/1.30.4/linux/amd64/nodeup";

    @TempDir
    Path tmp;

    FolderStore store;
    HttpServer http;
    /** (method and path) → status; the handler also sets what S3 would. */
    BiFunction<String, String, Integer> answer = (m, p) -> 200;

    @BeforeEach
    void setUp() throws IOException {
        store = new FolderStore(tmp.resolve("mirror"));
        http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        http.createContext("/", ex -> {
            int status = answer.apply(ex.getRequestMethod(), ex.getRequestURI().getPath());
            if (status == 301) {
                ex.getResponseHeaders().set("x-amz-bucket-region", "cn-northwest-1");
            }
            byte[] body = ex.getRequestURI().getPath().endsWith(".sha256") ? "00".repeat(32).getBytes(StandardCharsets.UTF_8) : new byte[] {1};
            ex.sendResponseHeaders(status, status == 200 || status == 206 ? body.length : -1);
            if (status == 200 || status == 206) {
                ex.getResponseBody().write(body);
            }
            ex.close();
        });
        http.start();
    }

    @AfterEach
    void tearDown() {
        http.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + http.getAddress().getPort() + "/kops";
    }

    void publish(String key, byte[] b, Layout layout) throws IOException {
        Path f = Files.write(tmp.resolve("f"), b);
        Hash sha256 = Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(b));
        Hash sha1 = Hash.of(HashAlgorithm.SHA1, HashAlgorithm.SHA1.newDigest().digest(b));
        store.put(key, f, new Digests(b.length, sha256, Optional.of(Hash.of(HashAlgorithm.MD5, HashAlgorithm.MD5.newDigest().digest(b))), Optional.of(sha1)));
        store.putText(layout.sidecarKey(key), layout == Layout.KOPS ? sha256.hex() : sha1.hex());
    }

    VerifyReport verify(Layout layout, boolean deep, boolean publicUrl) {
        return new Verifier(new VerifyOptions(layout, deep, publicUrl ? Optional.of(PublicUrl.parse(url())) : Optional.empty(), 2,
                "ferry mirror sync"), Progress.none()).verifyAll(store);
    }

    static List<String> kinds(VerifyReport r) {
        return r.problems().stream().map(p -> p.kind().id()).toList();
    }

    @Test
    void redirectToAnotherRegionIsNamed() throws IOException {
        publish(KEY, NODEUP, Layout.KOPS);
        answer = (m, p) -> 301;
        VerifyReport r = verify(Layout.KOPS, false, true);
        assertEquals(List.of("redirect-to-other-region", "redirect-to-other-region"), kinds(r));
        Problem p = r.problems().get(0);
        assertTrue(p.detail().contains("(bucket region cn-northwest-1)"), p.detail());
        assertTrue(p.fix().contains("https://<bucket>.s3.cn-northwest-1.amazonaws.com/<prefix>"), p.fix());
    }

    @Test
    void aPublicCopyThatDiffersIsCaught() throws IOException {
        publish(KEY, NODEUP, Layout.KOPS);
        VerifyReport r = verify(Layout.KOPS, false, true);
        assertEquals(List.of("public-sidecar-differs"), kinds(r), r.problems().toString());
    }

    @Test
    void legacyLayoutWantsSha1Sidecars() throws IOException {
        publish(KEY, NODEUP, Layout.KOPS); // a sha256 sidecar only
        VerifyReport r = verify(Layout.LEGACY, false, false);
        assertEquals(List.of("wrong-sidecar-algorithm"), kinds(r));
        assertTrue(r.problems().get(0).fix().contains("legacy layout (kOps 1.9 and older) reads <file>.sha1"));
        publish("kops/1.9.2/linux/amd64/nodeup", NODEUP, Layout.LEGACY);
        assertEquals(List.of("wrong-sidecar-algorithm"), kinds(verify(Layout.LEGACY, true, false)), "the sha1 one passes, deep too");
    }

    @Test
    void unreadableSidecarAndDeepMismatch() throws IOException {
        publish(KEY, NODEUP, Layout.KOPS);
        store.putText(KEY + ".sha256", "<html>AccessDenied</html>");
        publish("release/v1.30.0/bin/linux/amd64/kubelet", "kubelet".getBytes(StandardCharsets.UTF_8), Layout.KOPS);
        store.putText("release/v1.30.0/bin/linux/amd64/kubelet.sha256", "ab".repeat(32) + "  kubelet\n"); // sha256sum style, wrong hash
        VerifyReport shallow = verify(Layout.KOPS, false, false);
        assertEquals(List.of("unreadable-sidecar"), kinds(shallow), "without the lock a well-formed wrong hash is only seen by --deep");
        VerifyReport deep = verify(Layout.KOPS, true, false);
        assertEquals(List.of("unreadable-sidecar", "content-mismatch"), kinds(deep));
        assertEquals(NODEUP.length + 7, deep.bytesHashed());
    }
}
