package dev.ferry.e2e.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.S3Bucket;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.store.S3Store;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/** {@code ferry mirror verify} against a real S3 endpoint (embedded S3Proxy) with faults planted one by one. */
class VerifyS3Test {
    static final String PREFIX = "kops";
    static S3Bucket s3;

    @TempDir
    Path tmp;

    TestMirror mirror;
    S3Store store;

    @BeforeAll
    static void startS3() {
        s3 = S3Bucket.start("ferry-verify");
    }

    @AfterAll
    static void stopS3() {
        s3.close();
    }

    @BeforeEach
    void publishCleanMirror() {
        s3.clear();
        // The fourth asset is big enough for a two-part upload (S3 parts are at least 5 MiB, but the last).
        mirror = new TestMirror(tmp.resolve("work"), 64 * 1024, 64 * 1024, 64 * 1024, (5 << 20) + 4096, 64 * 1024);
        store = new S3Store(s3.client(), s3.bucket(), PREFIX, false);
        mirror.publish(store);
    }

    Cli.Result verify(String... extra) {
        List<String> args = new ArrayList<>(List.of("mirror", "verify", "--to", s3.target(PREFIX), "--lock", mirror.lockFile.toString()));
        args.addAll(s3.ferryFlags());
        args.addAll(Arrays.asList(extra));
        return Cli.run(args);
    }

    String s3Key(String key) {
        return PREFIX + "/" + key;
    }

    @Test
    void cleanMirrorPasses() {
        Cli.Result r = verify("--deep");
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("No problems: the 5 objects are ready for kOps."), r.toString());
        assertTrue(r.err().contains("verify: 5/5 objects"), r.toString());

        Cli.Result all = Cli.run(Stream.concat(Stream.of("mirror", "verify", "--to", s3.target(PREFIX)), s3.ferryFlags().stream()).toList());
        assertEquals(0, all.exit(), all.toString());
        assertTrue(all.out().contains("Checked 5 objects"), all.toString());
    }

    @Test
    void everyFaultIsReportedWithItsFix() throws Exception {
        List<String> k = mirror.keys();
        String missing = k.get(0);
        String wrongSidecar = k.get(1);
        String sha1Sidecar = k.get(2);
        String multipart = k.get(3);

        store.delete(missing + ".sha256");
        store.delete(missing);
        store.putText(wrongSidecar + ".sha256", "0".repeat(64));
        store.putText(sha1Sidecar + ".sha256", TestMirror.hash(HashAlgorithm.SHA1, mirror.bytes.get(sha1Sidecar)).hex());
        uploadMultipart(s3Key(multipart), mirror.bytes.get(multipart)); // the right bytes, uploaded by "another tool"

        Cli.Result r = verify();
        System.out.println(r); // kept in surefire-reports/*-output.txt: what a user sees
        assertEquals(1, r.exit(), r.toString());
        String out = r.out();
        assertTrue(out.matches("(?s).*missing-object +" + missing + " .*"), out);
        assertTrue(out.matches("(?s).*sidecar-mismatch +" + wrongSidecar + " .*the lock expects.*"), out);
        assertTrue(out.matches("(?s).*wrong-sidecar-algorithm +" + sha1Sidecar + " .*holds a sha1 \\(40 hex characters\\) where sha256 is expected.*"), out);
        assertTrue(out.matches("(?s).*multipart-etag +" + multipart + " .*uploaded in 2 parts.*"), out);
        assertTrue(out.contains("What to do:"), out);
        assertTrue(out.contains("missing-object (" + missing + "): run `ferry mirror sync --lock " + mirror.lockFile + " --to s3://ferry-verify/kops"), out);
        assertTrue(out.contains("wrong-sidecar-algorithm (" + sha1Sidecar + "): kOps 1.10+ reads <file>.sha256"), out);
        assertTrue(out.contains("multipart-etag (" + multipart + "): check the bytes with `ferry mirror verify --deep`"), out);
        assertTrue(out.contains("4 problems on 4 of 5 objects: the mirror is NOT ready for kOps."), out);

        // The same in JSON, for pipelines.
        Cli.Result json = verify("--output", "json");
        assertEquals(1, json.exit());
        YamlNode root = Yaml.parse(json.out(), "verify output");
        Map<String, YamlNode> m = root.map("report");
        assertFalse(m.get("ok").bool("ok"));
        List<String> kinds = m.get("problems").list("problems").stream()
                .map(p -> p.map("p").get("problem").string("problem") + " " + p.map("p").get("key").string("key")).toList();
        assertTrue(kinds.contains("missing-object " + missing), kinds.toString());
        assertTrue(kinds.contains("sidecar-mismatch " + wrongSidecar), kinds.toString());
        assertTrue(kinds.contains("wrong-sidecar-algorithm " + sha1Sidecar), kinds.toString());
        assertTrue(kinds.contains("multipart-etag " + multipart), kinds.toString());
        assertTrue(m.get("problems").list("problems").stream().allMatch(p -> !p.map("p").get("fix").string("fix").isBlank()));
    }

    @Test
    void deepFindsBytesReplacedBehindFerrysBack() {
        String key = mirror.keys().get(4);
        byte[] other = mirror.bytes.get(key).clone();
        other[100] ^= 1;
        // A plain PutObject of the same size: no Ferry metadata, ETag is the new MD5, sidecar unchanged.
        s3.client().putObject(p -> p.bucket(s3.bucket()).key(s3Key(key)), RequestBody.fromBytes(other));
        assertEquals(0, verify().exit(), "without --deep the size and ETag look fine");
        Cli.Result deep = verify("--deep");
        assertEquals(1, deep.exit(), deep.toString());
        assertTrue(deep.out().matches("(?s).*content-mismatch +" + key + " .*nodes will refuse this file.*"), deep.out());
    }

    @Test
    void anonymousReadsRefusedAreReported() {
        String publicUrl = s3.endpoint() + "/" + s3.bucket() + "/" + PREFIX;
        Cli.Result r = verify("--public-url", publicUrl);
        System.out.println(r);
        assertEquals(1, r.exit(), r.toString());
        for (String key : mirror.keys()) {
            assertTrue(r.out().matches("(?s).*not-anonymously-readable +" + key + " +the sidecar at " + publicUrl + "/" + key
                    + ".sha256 answers 403.*"), r.out());
        }
        assertTrue(r.out().contains("allow anonymous s3:GetObject on arn:aws:s3:::ferry-verify/kops/* with a bucket policy"), r.out());
        assertTrue(r.out().contains("--acl public-read"), r.out());
    }

    @Test
    void publicReadObjectsPassAnonymously() {
        s3.clear();
        mirror.publish(new S3Store(s3.client(), s3.bucket(), PREFIX, true));
        Cli.Result r = verify("--public-url", s3.endpoint() + "/" + s3.bucket() + "/" + PREFIX);
        System.out.println(r);
        assertEquals(0, r.exit(), r.toString());
    }

    @Test
    void noLockChecksEveryObjectWithASidecar() {
        String stray = "extra/notes.txt";
        store.putText(stray, "no sidecar: not an asset");
        String onlySha1 = "extra/tool";
        mirror.publish(store, onlySha1, new byte[] {1, 2, 3});
        store.delete(onlySha1 + ".sha256");
        store.putText(onlySha1 + ".sha1", TestMirror.hash(HashAlgorithm.SHA1, new byte[] {1, 2, 3}).hex());
        store.delete(mirror.keys().get(0));

        Cli.Result r = Cli.run(Stream.concat(Stream.of("mirror", "verify", "--to", s3.target(PREFIX)), s3.ferryFlags().stream()).toList());
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().matches("(?s).*missing-object +" + mirror.keys().get(0) + " +sidecar " + mirror.keys().get(0)
                + ".sha256 has no object beside it.*"), r.out());
        assertTrue(r.out().matches("(?s).*wrong-sidecar-algorithm +extra/tool +has extra/tool.sha1 but no extra/tool.sha256.*"), r.out());
        assertTrue(r.out().contains("1 object without any sidecar was not checked"), r.out());
        assertFalse(r.out().contains("notes.txt"), r.out());
    }

    void uploadMultipart(String key, byte[] b) {
        int size = b.length;
        int partSize = 5 << 20;
        String id = s3.client().createMultipartUpload(c -> c.bucket(s3.bucket()).key(key)).uploadId();
        List<CompletedPart> parts = new ArrayList<>();
        for (int n = 1, off = 0; off < size; n++, off += partSize) {
            int len = Math.min(partSize, size - off);
            int partNumber = n;
            String etag = s3.client().uploadPart(u -> u.bucket(s3.bucket()).key(key).uploadId(id).partNumber(partNumber),
                    RequestBody.fromBytes(Arrays.copyOfRange(b, off, off + len))).eTag();
            parts.add(CompletedPart.builder().partNumber(n).eTag(etag).build());
        }
        s3.client().completeMultipartUpload(c -> c.bucket(s3.bucket()).key(key).uploadId(id).multipartUpload(mu -> mu.parts(parts)));
        Optional<String> etag = store.stat(key.substring(PREFIX.length() + 1)).flatMap(o -> o.etag());
        assertTrue(etag.orElse("").endsWith("-2"), "S3Proxy gave a multipart ETag: " + etag);
    }
}
