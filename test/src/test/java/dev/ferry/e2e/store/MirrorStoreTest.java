package dev.ferry.e2e.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.S3Bucket;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.store.FolderStore;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.MirrorTarget;
import dev.ferry.mirror.store.S3Options;
import dev.ferry.mirror.store.S3Store;
import dev.ferry.mirror.store.StoredObject;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.Permission;

/** Both stores against the same contract: folder on disk, S3 against a real S3Proxy. */
class MirrorStoreTest {
    static S3Bucket bucket;

    @TempDir
    Path tmp;

    @BeforeAll
    static void startBucket() {
        bucket = S3Bucket.start("store-test");
    }

    @AfterAll
    static void stopBucket() {
        bucket.close();
    }

    static Digests digests(byte[] bytes) {
        return new Digests(bytes.length, Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(bytes)),
                Optional.of(Hash.of(HashAlgorithm.MD5, HashAlgorithm.MD5.newDigest().digest(bytes))), Optional.empty());
    }

    private S3Options s3(boolean publicRead) {
        return new S3Options(Optional.of(S3Bucket.REGION), Optional.of(bucket.endpoint()), Optional.empty(), publicRead);
    }

    private void contract(MirrorStore store) throws Exception {
        byte[] bytes = "kubelet bytes".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(tmp.resolve("src"), bytes);
        Digests d = digests(bytes);
        String key = "release/v1.30.0/bin/linux/amd64/kubelet";

        assertTrue(store.stat(key).isEmpty());
        assertTrue(store.readText(key + ".sha256").isEmpty());
        StoredObject put = store.put(key, file, d);
        assertEquals(bytes.length, put.size());
        store.putText(key + ".sha256", d.sha256().hex());

        StoredObject stat = store.stat(key).orElseThrow();
        assertEquals(bytes.length, stat.size());
        assertEquals(Optional.of(d.sha256().hex()), store.readText(key + ".sha256"));
        try (InputStream in = store.open(key)) {
            assertEquals("kubelet bytes", new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(List.of(key, key + ".sha256"), store.list());

        store.delete(key + ".sha256");
        store.delete(key + ".sha256"); // absent: no error
        assertEquals(List.of(key), store.list());
        assertThrows(FerryException.class, () -> store.put("../escape", file, d));
    }

    @Test
    void folderStoreKeepsTheContract() throws Exception {
        try (FolderStore store = new FolderStore(tmp.resolve("mirror"))) {
            contract(store);
            assertEquals(List.of("release/v1.30.0/bin/linux/amd64/kubelet"),
                    Files.walk(tmp.resolve("mirror")).filter(Files::isRegularFile).map(p -> tmp.resolve("mirror").relativize(p).toString()).toList(),
                    "no temporary files left behind");
        }
    }

    @Test
    void folderStoreRefusesASourceThatChangedAfterVerification() throws Exception {
        Path file = Files.writeString(tmp.resolve("src"), "original");
        Digests d = digests("original".getBytes(StandardCharsets.UTF_8));
        Files.writeString(file, "tampered"); // same length, different bytes
        try (FolderStore store = new FolderStore(tmp.resolve("mirror"))) {
            FerryException e = assertThrows(FerryException.class, () -> store.put("a/b", file, d));
            assertTrue(e.getMessage().contains(d.sha256().hex()), e.getMessage());
            assertTrue(store.list().isEmpty(), "nothing published");
        }
    }

    @Test
    void s3StoreKeepsTheContractAndTheEtagIsTheMd5() throws Exception {
        bucket.clear();
        try (MirrorStore store = MirrorTarget.parse("s3://store-test/files").open(s3(false))) {
            contract(store);
            byte[] bytes = "kubelet bytes".getBytes(StandardCharsets.UTF_8);
            StoredObject stat = store.stat("release/v1.30.0/bin/linux/amd64/kubelet").orElseThrow();
            assertEquals(Optional.of(digests(bytes).md5().orElseThrow().hex()), stat.etag());
            assertEquals(Optional.of(digests(bytes).sha256().hex()), stat.sha256(), "x-amz-meta-sha256");
        }
        assertTrue(bucket.keys().stream().allMatch(k -> k.startsWith("files/")), bucket.keys().toString());
    }

    @Test
    void s3StoreComputesTheMd5ItNeedsWhenTheCallerDidNot() throws Exception {
        bucket.clear();
        byte[] bytes = "containerd bytes".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(tmp.resolve("containerd"), bytes);
        Digests full = digests(bytes);
        Digests withoutMd5 = new Digests(full.size(), full.sha256(), Optional.empty(), Optional.empty());
        try (MirrorStore store = MirrorTarget.parse("s3://store-test").open(s3(false))) {
            assertEquals(java.util.Set.of(HashAlgorithm.MD5), store.digestsNeeded(), "S3 asks callers for md5 in their pass");
            StoredObject stat = store.put("bin/containerd", file, withoutMd5);
            assertEquals(full.md5().map(Hash::hex), stat.etag());
        }
        try (FolderStore folder = new FolderStore(tmp.resolve("folder-md5"))) {
            assertTrue(folder.digestsNeeded().isEmpty(), "a folder needs no md5, so folder syncs skip its cost");
        }
    }

    @Test
    void s3StoreCanPublishPublicRead() throws Exception {
        bucket.clear();
        byte[] bytes = "nodeup".getBytes(StandardCharsets.UTF_8);
        Path file = Files.write(tmp.resolve("nodeup"), bytes);
        try (MirrorStore store = MirrorTarget.parse("s3://store-test").open(s3(true))) {
            store.put("kops/nodeup", file, digests(bytes));
            store.putText("kops/nodeup.sha256", digests(bytes).sha256().hex());
        }
        for (String key : List.of("kops/nodeup", "kops/nodeup.sha256")) {
            boolean anonymousRead = bucket.client().getObjectAcl(a -> a.bucket("store-test").key(key)).grants().stream()
                    .anyMatch(g -> g.permission() == Permission.READ && g.grantee().uri() != null && g.grantee().uri().endsWith("/AllUsers"));
            assertTrue(anonymousRead, key + " is public-read");
        }
    }

    @Test
    void s3StoreRefusesObjectsOverTheSinglePartLimit() throws Exception {
        Path file = Files.writeString(tmp.resolve("big"), "x");
        Digests huge = new Digests(S3Store.SINGLE_PART_LIMIT + 1, digests(new byte[1]).sha256(), digests(new byte[1]).md5(), Optional.empty());
        try (MirrorStore store = MirrorTarget.parse("s3://store-test").open(s3(false))) {
            FerryException e = assertThrows(FerryException.class, () -> store.put("big", file, huge));
            assertTrue(e.getMessage().contains("5 GiB"), e.getMessage());
        }
    }

    @Test
    void s3StoreNamesTheErrorWhenTheBucketRefusesWrites() throws Exception {
        bucket.clear();
        bucket.refuseWrites(true);
        Path file = Files.writeString(tmp.resolve("f"), "x");
        try (MirrorStore store = MirrorTarget.parse("s3://store-test").open(s3(false))) {
            FerryException e = assertThrows(FerryException.class, () -> store.put("f", file, digests("x".getBytes(StandardCharsets.UTF_8))));
            assertTrue(e.getMessage().contains("403") && e.getMessage().contains("AccessDenied"), e.getMessage());
            assertTrue(e.hint().orElse("").contains("s3:PutObject"), e.hint().toString());
        } finally {
            bucket.refuseWrites(false);
        }
        assertTrue(bucket.keys().isEmpty());
    }

    @Test
    void chinaRegionsResolveToTheAwsCnPartitionByRegionAlone() {
        for (String region : List.of("cn-north-1", "cn-northwest-1")) {
            try (S3Client c = S3Store.client(new S3Options(Optional.of(region), Optional.empty(), Optional.empty(), false))) {
                URI url = URI.create(c.utilities().getUrl(g -> g.bucket("my-mirror").key("files/kubelet")).toString());
                assertEquals("my-mirror.s3." + region + ".amazonaws.com.cn", url.getHost());
            }
        }
    }

    @Test
    void targetsParse() {
        assertEquals(new MirrorTarget.Folder(Path.of("./mirror")), MirrorTarget.parse("file:./mirror"));
        assertEquals(new MirrorTarget.Folder(Path.of("/srv/m")), MirrorTarget.parse("file:///srv/m"));
        assertEquals(new MirrorTarget.Bucket("b-1.x", "kops/files"), MirrorTarget.parse("s3://b-1.x/kops/files/"));
        assertEquals(new MirrorTarget.Bucket("bucket", ""), MirrorTarget.parse("s3://bucket"));
        for (String bad : List.of("./mirror", "s3://Bad_Bucket/x", "file:", "http://x/y", "s3://ab")) {
            FerryException e = assertThrows(FerryException.class, () -> MirrorTarget.parse(bad), bad);
            assertEquals(FerryException.BAD_USAGE, e.exitCode());
            assertFalse(e.hint().isEmpty());
        }
    }
}
