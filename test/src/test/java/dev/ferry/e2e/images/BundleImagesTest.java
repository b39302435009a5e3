package dev.ferry.e2e.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.FerryProcess;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.e2e.support.Upstream;
import dev.ferry.mirror.bundle.BundleHeader;
import dev.ferry.mirror.bundle.BundleReader;
import dev.ferry.mirror.bundle.BundleSource;
import dev.ferry.mirror.bundle.HandEditedBundle;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.support.FakeEcr;
import dev.ferry.registry.support.Registries;
import dev.ferry.registry.support.RegistryProxy;
import dev.ferry.registry.support.Skopeo;
import dev.ferry.registry.support.TestImages.TestImage;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images across the air gap through the CLI, between real registries (Debian's docker-registry) with skopeo as the
 * judge of digests: plan (a file and three images, two of them the same image under two names) → pack --split →
 * inspect --verify → push into a fresh registry and into an oci: folder → serve → skopeo pulls every image from
 * both, by digest, and the digests are upstream's. Then the ways a carried bundle goes wrong: each refused, and no
 * tag for a damaged image in the target.
 */
class BundleImagesTest {
    @RegisterExtension
    static final Registries reg = new Registries();
    static final String TWIN = "registry.k8s.io/team/oci-twin:1.0";

    @TempDir
    static Path work;
    static Upstream files;
    static byte[] nodeup;
    static Path lock;
    static Path split;
    static Path single;

    @BeforeAll
    static void planAndPack() throws Exception {
        reg.load(reg.oci, "team/oci-twin:1.0");
        files = Upstream.start();
        nodeup = TestLock.bytes(400_000, 3);
        files.file("/kops/1.30.4/linux/amd64/nodeup", nodeup);
        Path manifest = Files.writeString(work.resolve("ferry.yaml"), "files:\n  - url: " + files.url("/kops/1.30.4/linux/amd64/nodeup")
                + "\n    sha256: " + TestLock.sha256(nodeup) + "\nimages:\n  - " + Registries.OCI + "\n  - " + Registries.DOCKER + "\n  - " + TWIN + "\n");
        lock = work.resolve("ferry.lock");
        Cli.Result plan = Cli.run("mirror", "plan", "--manifest", manifest.toString(), "--lock-file", lock.toString());
        assertEquals(0, plan.exit(), plan.toString());
        split = work.resolve("carry/ferry-bundle.tar.zst");
        Cli.Result pack = ImageLocks.reading(reg, work, "pack", "--lock", lock.toString(), "--bundle", split.toString(), "--split", "1m",
                "--cache", work.resolve("cache").toString());
        assertEquals(0, pack.exit(), pack.toString());
        assertTrue(pack.out().contains("and 3 images ("), pack.out());
        single = Files.createDirectories(work.resolve("single")).resolve("ferry-bundle.tar.zst");
        try (OutputStream out = Files.newOutputStream(single)) {
            for (int i = 0; Files.exists(Path.of(split + String.format(".%03d", i))); i++) {
                Files.copy(Path.of(split + String.format(".%03d", i)), out);
            }
        }
    }

    @AfterAll
    static void stop() {
        files.close();
    }

    private static Path parts() {
        return Path.of(split + ".parts.json");
    }

    private static Cli.Result ferry(String... args) {
        return ImageLocks.mirror(work, List.of(args));
    }

    @Test
    void packPinsTheLockAndStoresEachBlobOnceHoweverManyImagesShareIt() throws Exception {
        Map<String, String> pinned = new java.util.HashMap<>();
        LockFile.read(lock).images().forEach(i -> pinned.put(i.reference(), i.digest().orElseThrow()));
        assertEquals(reg.oci.digest().toString(), pinned.get(Registries.OCI), "pack pinned what upstream serves, into the lock file");
        assertEquals(reg.oci.digest().toString(), pinned.get(TWIN));
        assertEquals(reg.docker.digest().toString(), pinned.get(Registries.DOCKER));
        BundleHeader header;
        try (BundleReader r = BundleReader.openForListing(BundleSource.locate(parts()))) {
            header = r.header();
            assertTrue(java.util.Arrays.equals(LockFile.bytes(lock), r.lockBytes()), "the bundle carries the pinned lock");
        }
        Set<String> wanted = new HashSet<>();
        for (TestImage i : List.of(reg.oci, reg.docker)) {
            wanted.add(i.digest().toString());
            i.children().forEach(c -> wanted.add(c.toString()));
            i.blobs().forEach(b -> wanted.add(b.digest().toString()));
        }
        List<String> listed = header.blobs().stream().map(b -> b.digest()).toList();
        assertEquals(wanted, new HashSet<>(listed), "every blob of both images, manifests included");
        assertEquals(listed.size(), new HashSet<>(listed).size(), "each blob once: the twin adds none");
        assertEquals(3, header.images().size());
        assertEquals(List.of("linux/amd64", "linux/arm64"), header.images().get(0).platforms());

        Cli.Result inspect = ferry("inspect", parts().toString(), "--verify");
        assertEquals(0, inspect.exit(), inspect.toString());
        assertTrue(inspect.out().contains("images      3 images"), inspect.out());
        assertTrue(inspect.out().contains(TWIN), inspect.out());
        assertTrue(inspect.out().contains("all " + listed.size() + " image blobs match their digests"), inspect.out());
    }

    @Test
    void pushIntoARegistryAndAFolderThenServeAndSkopeoPullsEveryImageByDigest() throws Exception {
        Path served = work.resolve("served");
        Cli.Result push = ferry("push", parts().toString(), "--to", "file:" + served, "--registry", "http://" + reg.target.host() + "/air");
        assertEquals(0, push.exit(), push.toString());
        assertTrue(push.out().contains("3 images copied, 0 present, 0 failed"), push.out());
        assertTrue(Files.isRegularFile(served.resolve("kops/1.30.4/linux/amd64/nodeup")), "--to still publishes the files");
        Cli.Result layout = ferry("push", parts().toString(), "--registry", "oci:" + served.resolve("images"));
        assertEquals(0, layout.exit(), layout.toString());
        assertTrue(layout.out().contains("no --to: the files were not published"), layout.out());

        Cli.Result again = ferry("push", parts().toString(), "--registry", "http://" + reg.target.host() + "/air", "--output", "json");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("\"blobsCopied\": 0"), "a re-run sends nothing: " + again.out());

        Path log = work.resolve("serve.log");
        Process serve = FerryProcess.start(List.of("mirror", "serve", "--dir", served.toString(), "--port", "0", "--header-timeout", "1"), log);
        try {
            String host = "127.0.0.1:" + FerryProcess.port(serve, log);
            for (int i = 0; i < 100 && !Files.readString(log).contains("Registry API at"); i++) {
                Thread.sleep(50);
            }
            for (String from : List.of(reg.target.host() + "/air", host)) {
                for (TestImage image : List.of(reg.oci, reg.docker)) {
                    String repo = "docker://" + from + "/team/" + (image == reg.oci ? "oci-app" : "docker-app");
                    assertEquals(image.digest(), Skopeo.digest(repo + "@" + image.digest()), repo);
                    for (Digest child : image.children()) {
                        assertEquals(child, Skopeo.digest(repo + "@" + child), "every platform from " + from);
                    }
                }
                assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + from + "/team/oci-twin:1.0"));
            }
        } finally {
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }

    /** The disconnected side's registry is a China ECR: push creates each repository, as sync does, and tags last. */
    @Test
    void pushIntoChinaEcrCreatesEachRepositoryAndEveryImageArrivesByDigest() throws Exception {
        String host = "123456789012.dkr.ecr.cn-northwest-1.amazonaws.com.cn";
        System.setProperty("aws.accessKeyId", "AKIDTEST");
        System.setProperty("aws.secretAccessKey", "secret");
        try (FakeEcr fake = FakeEcr.start(Duration.ofHours(12), Clock.systemUTC());
             RegistryProxy front = RegistryProxy.start(reg.target.url())
                     .basicAuth(fake::valid, "Basic realm=\"https://" + host + "/\",service=\"ecr.amazonaws.com\"").ecr(fake::exists)) {
            Cli.Result push = ferry("push", parts().toString(), "--registry", host + "/carried", "--image-naming", "registry",
                    "--ecr-endpoint", fake.endpoint().toString(), "--registry-endpoint", host + "=" + front.url());
            assertEquals(0, push.exit(), push.toString());
            assertTrue(push.out().contains("3 images copied, 0 present, 0 failed"), push.out());
            assertEquals(Set.of("carried/team-oci-app", "carried/team-docker-app", "carried/team-oci-twin"), fake.repositories(),
                    "each repository created before its blobs are pushed");
            assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/carried/team-oci-app:1.0"));
            assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/carried/team-oci-twin:1.0"));
            assertEquals(reg.docker.digest(), Skopeo.digest("docker://" + reg.target.host() + "/carried/team-docker-app:1.0"));

            Cli.Result again = ferry("push", parts().toString(), "--registry", host + "/carried", "--image-naming", "registry",
                    "--ecr-endpoint", fake.endpoint().toString(), "--registry-endpoint", host + "=" + front.url());
            assertEquals(0, again.exit(), again.toString());
            assertTrue(again.out().contains("0 images copied, 3 present, 0 failed"), again.out());
        } finally {
            System.clearProperty("aws.accessKeyId");
            System.clearProperty("aws.secretAccessKey");
        }
    }

    @Test
    void aDamagedBlobIsRefusedAndItsImageIsNotTaggedWhileTheOthersArePushed() throws Exception {
        Path bad = Files.createDirectories(work.resolve("bad-blob")).resolve("ferry-bundle.tar.zst");
        Files.copy(single, bad);
        String layer = reg.docker.largest().digest().hex();
        HandEditedBundle.rewrite(bad, (name, bytes) -> {
            if (name.equals("images/blobs/sha256/" + layer)) {
                bytes[bytes.length / 2] ^= 1;
            }
            return bytes;
        });
        Cli.Result inspect = ferry("inspect", bad.toString(), "--verify");
        assertEquals(1, inspect.exit(), inspect.toString());
        assertTrue(inspect.out().contains("blob sha256:" + layer + " has "), inspect.out());

        Cli.Result push = ferry("push", bad.toString(), "--registry", "http://" + reg.target.host() + "/damaged");
        assertEquals(1, push.exit(), push.toString());
        assertTrue(push.err().contains("blob sha256:" + layer), push.err());
        assertFalse(Skopeo.exists("docker://" + reg.target.host() + "/damaged/team/docker-app:1.0"), "no tag for the damaged image");
        assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/damaged/team/oci-app:1.0"), "the sound ones are there");
    }

    @Test
    void aPushKilledAfterItsFirstBlobsCompletesWhenRunAgain() throws Exception {
        try (RegistryProxy proxy = RegistryProxy.start(reg.target.url())) {
            Path log = work.resolve("killed.log");
            Process child = FerryProcess.start(List.of(), List.of("mirror", "push", parts().toString(), "--registry",
                    "http://" + proxy.host() + "/killed", "--jobs", "1"), Map.of("DOCKER_CONFIG", work.toString()), log);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (proxy.count("PUT", "/v2/killed/.*/blobs/uploads/") < 2 && child.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            long tags = proxy.count("PUT", "/v2/killed/.*/manifests/1\\.0");
            assertTrue(proxy.count("PUT", "/v2/killed/.*/blobs/uploads/") >= 2 && tags < 3, "killed half-way: " + tags + " tags; "
                    + Files.readString(log));
            assertFalse(Skopeo.exists("docker://" + reg.target.host() + "/killed/team/docker-app:1.0") && tags == 3);
        }
        Cli.Result again = ferry("push", parts().toString(), "--registry", "http://" + reg.target.host() + "/killed", "--output", "json");
        assertEquals(0, again.exit(), again.toString());
        assertFalse(again.out().contains("\"blobsPresent\": 0,"), "what the killed run sent is not sent again: " + again.out());
        for (TestImage image : List.of(reg.oci, reg.docker)) {
            String repo = "docker://" + reg.target.host() + "/killed/team/" + (image == reg.oci ? "oci-app" : "docker-app");
            assertEquals(image.digest(), Skopeo.digest(repo + ":1.0"));
        }
    }

    @Test
    void aFlippedByteInAPartAMissingPartAndAnEditedLockAreRefusedBeforeAnythingMoves() throws Exception {
        Path flipped = copyParts("flipped");
        Path part = flipped.resolveSibling("ferry-bundle.tar.zst.001");
        byte[] b = Files.readAllBytes(part);
        b[b.length / 3] ^= 0x40;
        Files.write(part, b);
        Path missing = copyParts("missing");
        Files.delete(missing.resolveSibling("ferry-bundle.tar.zst.002"));
        Path edited = Files.createDirectories(work.resolve("edited")).resolve("ferry-bundle.tar.zst");
        Files.copy(single, edited);
        HandEditedBundle.rewrite(edited, (name, bytes) -> name.equals("ferry.lock")
                ? new String(bytes, StandardCharsets.UTF_8).replace(reg.docker.digest().hex(), reg.oci.digest().hex()).getBytes(StandardCharsets.UTF_8)
                : bytes);
        Map<Path, String> why = Map.of(flipped, "ferry-bundle.tar.zst.001", missing, "ferry-bundle.tar.zst.002", edited, "was changed after packing");
        for (Map.Entry<Path, String> c : why.entrySet()) {
            String prefix = c.getKey().getParent().getFileName().toString();
            Cli.Result push = ferry("push", c.getKey().toString(), "--registry", "http://" + reg.target.host() + "/" + prefix);
            assertEquals(1, push.exit(), push.toString());
            assertTrue(push.err().contains(c.getValue()), push.err());
            for (String repo : List.of("oci-app", "docker-app", "oci-twin")) {
                assertFalse(Skopeo.exists("docker://" + reg.target.host() + "/" + prefix + "/team/" + repo + ":1.0"), prefix + ": nothing tagged");
            }
        }
    }

    private static Path copyParts(String name) throws Exception {
        Path dir = Files.createDirectories(work.resolve(name));
        List<Path> all = new ArrayList<>(List.of(parts()));
        for (int i = 0; Files.exists(Path.of(split + String.format(".%03d", i))); i++) {
            all.add(Path.of(split + String.format(".%03d", i)));
        }
        for (Path p : all) {
            Files.copy(p, dir.resolve(p.getFileName()));
        }
        return dir.resolve(parts().getFileName());
    }
}
