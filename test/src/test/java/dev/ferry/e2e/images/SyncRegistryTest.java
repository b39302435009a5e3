package dev.ferry.e2e.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.lock.LockedImage;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.support.FakeEcr;
import dev.ferry.registry.support.Registries;
import dev.ferry.registry.support.RegistryProxy;
import dev.ferry.registry.support.Skopeo;
import dev.ferry.registry.support.TestImages;
import dev.ferry.registry.support.TestImages.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry mirror sync --registry} through the CLI, between two real registries (Debian's docker-registry),
 * with skopeo as the judge of digests: an OCI index and a Docker manifest list, both of two platforms.
 */
class SyncRegistryTest {
    @RegisterExtension
    static final Registries reg = new Registries();

    @TempDir
    Path tmp;

    private String target(String prefix) {
        return "http://" + reg.target.host() + "/" + prefix;
    }

    private Cli.Result sync(Path lock, String prefix, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("sync", "--lock", lock.toString(), "--registry", target(prefix)));
        args.addAll(List.of(more));
        return ImageLocks.reading(reg, tmp, args.toArray(String[]::new));
    }

    @Test
    void theFirstSyncPinsAndCopiesByteExactAndAReRunSendsNothing() throws Exception {
        Path lock = ImageLocks.write(tmp.resolve("ferry.lock"), Registries.OCI, "", Registries.DOCKER, "");
        long mirrorReads = reg.upstream.requests("\"GET /v2/team/oci-app/manifests/");
        String top = "\"GET /v2/team/oci-app/manifests/(1\\.0|" + reg.oci.digest() + ") ";
        long topReads = reg.upstream.requests(top);
        Cli.Result first = sync(lock, "exact");
        assertEquals(0, first.exit(), first.toString());
        assertTrue(first.out().contains("2 images copied, 0 present, 0 failed"), first.out());
        assertTrue(first.out().contains("kOps finds them with spec.assets.containerProxy: " + reg.target.host() + "/exact"), first.out());
        assertTrue(first.out().contains("pinned 2 image digests into " + lock), first.out());
        assertTrue(reg.upstream.requests("\"GET /v2/team/oci-app/manifests/") > mirrorReads, "read through the source mirror");
        assertEquals(topReads + 1, reg.upstream.requests(top), "the index is read once to pin it and copy it");

        // the lock now pins what upstream serves, as plan --resolve would have
        Map<String, LockedImage> pinned = new java.util.HashMap<>();
        LockFile.read(lock).images().forEach(i -> pinned.put(i.reference(), i));
        assertEquals(reg.oci.digest().toString(), pinned.get(Registries.OCI).digest().orElseThrow());
        assertEquals(reg.oci.mediaType(), pinned.get(Registries.OCI).mediaType().orElseThrow());
        assertEquals(List.of("linux/amd64", "linux/arm64"), pinned.get(Registries.OCI).platforms());
        assertEquals(reg.docker.digest().toString(), pinned.get(Registries.DOCKER).digest().orElseThrow());

        for (TestImage image : List.of(reg.oci, reg.docker)) {
            String repo = "docker://" + reg.target.host() + "/exact/team/" + (image == reg.oci ? "oci-app" : "docker-app");
            assertEquals(image.digest(), Skopeo.digest(repo + ":1.0"), "skopeo reads upstream's digest under the name kOps asks for");
            for (Digest child : image.children()) {
                assertEquals(child, Skopeo.digest(repo + "@" + child), "every platform is there");
            }
        }

        long uploads = reg.target.uploadsStarted();
        Cli.Result again = sync(lock, "exact", "--output", "json");
        assertEquals(0, again.exit(), again.toString());
        assertEquals(uploads, reg.target.uploadsStarted(), "a re-run uploads no blob (the target's log)");
        Map<String, YamlNode> summary = Yaml.parseJson(again.out(), "stdout").map("json").get("images").map("images").get("summary").map("s");
        assertEquals(2, summary.get("present").number("present"));
        assertEquals(0, summary.get("blobsCopied").number("blobsCopied"));
    }

    @Test
    void aCorruptedUpstreamBlobFailsWithExitOneAndLeavesNoTag() throws Exception {
        TestImage bad = TestImages.generate(reg.dir().resolve("img-cli-bad"), false, 7, new int[] {40_000, 200_000}, new int[] {30_000});
        reg.load(bad, "team/bad-app:2.0");
        reg.upstream.corrupt(bad.largest());
        Path lock = ImageLocks.write(tmp.resolve("bad.lock"), "registry.k8s.io/team/bad-app:2.0", "", Registries.DOCKER, "");
        Cli.Result r = sync(lock, "corrupt");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("1 images copied, 0 present, 1 failed"), r.out());
        assertTrue(r.err().contains("1 of 2 images failed and is not tagged in") && r.err().contains("registry.k8s.io/team/bad-app:2.0"), r.err());
        assertFalse(Skopeo.exists("docker://" + reg.target.host() + "/corrupt/team/bad-app:2.0"), "no tag for the image with a bad blob");
        assertTrue(Skopeo.exists("docker://" + reg.target.host() + "/corrupt/team/docker-app:1.0"), "the good image is there");
    }

    @Test
    void twoImagesForOneNameAreRefusedBeforeAnythingIsCopied() throws Exception {
        Path lock = ImageLocks.write(tmp.resolve("clash.lock"), "docker.io/calico/node:v3.31.6", "", "quay.io/calico/node:v3.31.6", "");
        Path files = tmp.resolve("files");
        Cli.Result r = sync(lock, "clash", "--to", "file:" + files);
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("docker.io/calico/node:v3.31.6 and quay.io/calico/node:v3.31.6 would both be"), r.err());
        assertTrue(r.err().contains("registry"), "names the other rule: " + r.err());
        assertFalse(Files.exists(files), "the files were not synced either");

        Cli.Result flat = sync(lock, "clash", "--image-naming", "registry", "--dry-run");
        assertEquals(0, flat.exit(), flat.toString());
        assertTrue(flat.out().contains(reg.target.host() + "/clash/docker.io-calico-node:v3.31.6")
                && flat.out().contains(reg.target.host() + "/clash/quay.io-calico-node:v3.31.6"), flat.out());
        assertTrue(flat.out().contains("spec.assets.containerRegistry: " + reg.target.host() + "/clash"), flat.out());
    }

    @Test
    void anOciLayoutTargetHoldsEveryImageUnderItsCanonicalName() throws Exception {
        Path lock = ImageLocks.write(tmp.resolve("layout.lock"), Registries.OCI, reg.oci.digest().toString(), Registries.DOCKER, "");
        Path layout = tmp.resolve("layout");
        Cli.Result r = ImageLocks.reading(reg, tmp, "sync", "--lock", lock.toString(), "--registry", "oci:" + layout);
        assertEquals(0, r.exit(), r.toString());
        assertEquals(reg.oci.digest(), Skopeo.digest("oci:" + layout + ":" + Registries.OCI));
        // skopeo 1.9 finds only OCI media types in a layout's index.json: the Docker list is read back by its entry and bytes
        Digest docker = OciLayout.open(layout).entry(Registries.DOCKER).orElseThrow().descriptor().digest();
        assertEquals(reg.docker.digest(), docker);
        assertEquals(reg.docker.digest(), Digest.sha256(Files.readAllBytes(layout.resolve("blobs/sha256/" + docker.hex()))));
    }
    @Test
    void oneRunSyncsTheFilesThenTheImagesWithOneJsonReport() throws Exception {
        byte[] kubelet = TestLock.bytes(50_000, 4);
        try (Upstream files = Upstream.start()) {
            files.file("/release/v1.30.0/bin/linux/amd64/kubelet", kubelet);
            List<Asset> assets = new TestLock().known(files.url("/release/v1.30.0/bin/linux/amd64/kubelet"), kubelet).assets();
            Path lock = tmp.resolve("both.lock");
            LockFile.write(new Lock("ferry test", Layout.KOPS, List.of(), assets,
                    List.of(LockedImage.of(Registries.DOCKER, "extra", "--image"))), lock);
            Path dir = tmp.resolve("mirror");
            Cli.Result r = sync(lock, "both", "--to", "file:" + dir, "--cache", tmp.resolve("cache").toString(), "--output", "json");
            assertEquals(0, r.exit(), r.toString());
            Map<String, YamlNode> json = Yaml.parseJson(r.out(), "stdout").map("json");
            assertEquals(1, json.get("summary").map("s").get("published").number("published"), "the files' summary");
            assertEquals(1, json.get("images").map("i").get("summary").map("s").get("copied").number("copied"), "the images' summary");
            assertTrue(Files.isRegularFile(dir.resolve("release/v1.30.0/bin/linux/amd64/kubelet.sha256")));
            assertEquals(reg.docker.digest(), Skopeo.digest("docker://" + reg.target.host() + "/both/team/docker-app:1.0"));
        }
    }

    @Test
    void intoChinaEcrRepositoriesAreCreatedAndThePauseCaveatIsSaid() throws Exception {
        String host = "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn";
        reg.load(reg.docker, "pause:3.10");
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        try (FakeEcr fake = FakeEcr.start(Duration.ofHours(12), Clock.systemUTC());
             RegistryProxy front = RegistryProxy.start(reg.target.url())
                     .basicAuth(fake::valid, "Basic realm=\"https://" + host + "/\",service=\"ecr.amazonaws.com\"").ecr(fake::exists)) {
            Path lock = ImageLocks.write(tmp.resolve("ecr.lock"), Registries.OCI, "", "registry.k8s.io/pause:3.10", "");
            Cli.Result r = ImageLocks.reading(reg, tmp, "sync", "--lock", lock.toString(), "--registry", host + "/kops", "--image-naming", "registry",
                    "--ecr-public-read", "--ecr-endpoint", fake.endpoint().toString(), "--registry-endpoint", host + "=" + front.url());
            assertEquals(0, r.exit(), r.toString());
            assertEquals(Set.of("kops/team-oci-app", "kops/pause"), fake.repositories(), "each repository created before the push");
            assertEquals(Set.of("kops/team-oci-app", "kops/pause"), fake.policies().keySet(), "--ecr-public-read");
            assertTrue(r.err().contains("warning: the pod sandbox image registry.k8s.io/pause:3.10 goes to " + host + "/kops/pause:3.10")
                    && r.err().contains("kubernetes/kops#16762"), r.err());
            assertTrue(r.out().contains("spec.assets.containerRegistry: " + host + "/kops"), r.out());
            assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/kops/team-oci-app:1.0"));
            assertEquals(reg.docker.digest(), Skopeo.digest("docker://" + reg.target.host() + "/kops/pause:3.10"));
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }
}
