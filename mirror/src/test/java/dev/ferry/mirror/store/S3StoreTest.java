package dev.ferry.mirror.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.ferry.error.FerryException;
import dev.ferry.error.TargetRefused;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.fetch.LocalUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;

/**
 * {@link S3Store} against a real S3 endpoint on 127.0.0.1 (embedded S3Proxy, in memory), through the client
 * {@link S3Store#client} builds: the settings that keep the ETag an MD5 are the ones under test.
 */
class S3StoreTest {
    static final String ACCESS_KEY = "ferry-unit-key";
    static final String SECRET_KEY = "ferry-unit-secret";
    static final String BUCKET = "mirror-unit";

    static S3Proxy proxy;
    static S3Client client;

    @TempDir
    Path tmp;

    S3Store store;

    @BeforeAll
    static void startS3() throws Exception {
        proxy = S3Proxy.builder()
                .blobStore(new TransientNio2BlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .build();
        proxy.start();
        for (int i = 0; !"STARTED".equals(proxy.getState()); i++) {
            if (i > 1000) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10); // S3Proxy says when it is up by its state only
        }
        // The SDK's default chain reads these first; S3Store.client is built as the CLI builds it.
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        client = S3Store.client(new S3Options(Optional.empty(), Optional.of(URI.create("http://127.0.0.1:" + proxy.getPort())),
                Optional.empty(), false));
        client.createBucket(b -> b.bucket(BUCKET));
    }

    @AfterAll
    static void stopS3() throws Exception {
        client.close();
        proxy.stop();
    }

    @BeforeEach
    void openStore() {
        store = new S3Store(client, BUCKET, "mirror/v1", false);
    }

    @AfterEach
    void emptyBucket() {
        client.listObjectsV2Paginator(b -> b.bucket(BUCKET)).contents().forEach(o -> client.deleteObject(d -> d.bucket(BUCKET).key(o.key())));
    }

    Path file(byte[] bytes) throws IOException {
        return Files.write(Files.createTempFile(tmp, "object", ""), bytes);
    }

    static byte[] bytes(int size) {
        byte[] b = new byte[size];
        new Random(size).nextBytes(b);
        return b;
    }

    @Test
    void putGivesAnEtagThatIsTheMd5AndRecordsTheSha256() throws IOException {
        byte[] b = bytes(100_000);
        Digests d = LocalUpstream.digests(b, true);
        StoredObject put = store.put("kubelet", file(b), d);
        assertEquals(d.md5().orElseThrow().hex(), put.etag().orElseThrow());
        assertEquals(Optional.of(d.sha256().hex()), put.sha256());

        HeadObjectResponse head = client.headObject(h -> h.bucket(BUCKET).key("mirror/v1/kubelet"));
        assertEquals("\"" + d.md5().orElseThrow().hex() + "\"", head.eTag());
        assertEquals(d.sha256().hex(), head.metadata().get("sha256"), "x-amz-meta-sha256");
        assertEquals(b.length, head.contentLength());
    }

    @Test
    void putComputesTheMd5WhenTheCallerDidNot() throws IOException {
        byte[] b = bytes(5_000);
        StoredObject put = store.put("nodeup", file(b), LocalUpstream.digests(b, false));
        assertEquals(LocalUpstream.digests(b, true).md5().orElseThrow().hex(), put.etag().orElseThrow());
    }

    @Test
    void statReadTextDeleteAndListSeeOnlyThisPrefix() throws IOException {
        byte[] b = bytes(2_000);
        Digests d = LocalUpstream.digests(b, true);
        store.put("bin/kubelet", file(b), d);
        store.putText("bin/kubelet.sha256", d.sha256().hex());
        store.putText("a.txt", "first");
        client.putObject(p -> p.bucket(BUCKET).key("elsewhere/other"), RequestBody.fromString("x"));

        assertEquals(Optional.of(new StoredObject("bin/kubelet", b.length, d.md5().map(h -> h.hex()), Optional.of(d.sha256().hex()))),
                store.stat("bin/kubelet"));
        assertEquals(Optional.empty(), store.stat("bin/absent"));
        assertEquals(Optional.of(d.sha256().hex()), store.readText("bin/kubelet.sha256"));
        assertEquals(Optional.empty(), store.readText("bin/absent.sha256"));
        try (InputStream in = store.open("bin/kubelet")) {
            assertEquals(d.sha256(), LocalUpstream.sha256(in.readAllBytes()));
        }
        assertEquals(List.of("a.txt", "bin/kubelet", "bin/kubelet.sha256"), store.list(), "sorted, prefix dropped, other prefixes left out");

        store.delete("bin/kubelet.sha256");
        store.delete("bin/never-there"); // deleting what is absent is no error
        assertEquals(Optional.empty(), store.readText("bin/kubelet.sha256"));
        assertEquals(List.of("a.txt", "bin/kubelet"), store.list());
    }

    @Test
    void aMissingBucketIsRefusedByTheCheckAndNotMistakenForAMissingObject() {
        S3Store missing = new S3Store(client, "no-such-bucket", "p", false);
        TargetRefused e = assertThrows(TargetRefused.class, missing::checkExists);
        assertEquals("s3://no-such-bucket/p", e.target());
        assertEquals(FerryException.FAILED, e.exitCode());
        // an absent sidecar in an absent bucket is not "not yet published"
        assertThrows(FerryException.class, () -> missing.readText("kubelet.sha256"));
        store.checkExists(); // the bucket that exists passes
    }

    @Test
    void objectArnsFollowThePartitionOfTheClientsRegion() {
        try (S3Client china = S3Store.client(new S3Options(Optional.of("cn-north-1"), Optional.empty(), Optional.empty(), false));
             S3Client virginia = S3Store.client(new S3Options(Optional.of("us-east-1"), Optional.empty(), Optional.empty(), false))) {
            assertEquals(Optional.of("arn:aws-cn:s3:::b/p/*"), new S3Store(china, "b", "p", false).objectArnPattern());
            assertEquals(Optional.of("arn:aws:s3:::b/p/*"), new S3Store(virginia, "b", "p", false).objectArnPattern());
            assertEquals(Optional.of("arn:aws:s3:::b/*"), new S3Store(virginia, "b", "", false).objectArnPattern());
        }
    }
}
