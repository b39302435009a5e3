package dev.ferry.e2e.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.lock.LockedImage;
import dev.ferry.registry.support.Registries;
import dev.ferry.registry.support.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan --resolve} and {@code lock pin} pin each image of the lock to the digest its source serves (skopeo
 * agrees), with its media type and platforms; a registry that cannot be reached leaves no lock, and says how to
 * pin the files alone.
 */
class ResolveImagesTest {
    @RegisterExtension
    static final Registries reg = new Registries();

    @TempDir
    Path tmp;

    private static Map<String, LockedImage> images(Path lock) {
        return LockFile.read(lock).images().stream().collect(Collectors.toMap(LockedImage::reference, Function.identity()));
    }

    private void assertPinnedAsUpstreamServes(Path lock) throws Exception {
        Map<String, LockedImage> pinned = images(lock);
        assertEquals(Skopeo.digest("docker://" + reg.upstream.host() + "/team/oci-app:1.0").toString(), pinned.get(Registries.OCI).digest().orElseThrow());
        assertEquals(Skopeo.digest("docker://" + reg.upstream.host() + "/team/docker-app:1.0").toString(),
                pinned.get(Registries.DOCKER).digest().orElseThrow());
        assertEquals(reg.oci.mediaType(), pinned.get(Registries.OCI).mediaType().orElseThrow());
        assertEquals(reg.docker.mediaType(), pinned.get(Registries.DOCKER).mediaType().orElseThrow());
        assertEquals(List.of("linux/amd64", "linux/arm64"), pinned.get(Registries.DOCKER).platforms());
    }

    @Test
    void planResolvePinsEveryImageAsItsSourceServesIt() throws Exception {
        Path lock = tmp.resolve("ferry.lock");
        Cli.Result r = ImageLocks.reading(reg, tmp, "plan", "--image", Registries.OCI, "--image", Registries.DOCKER, "--resolve",
                "--lock-file", lock.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("2 container images, each with every platform it has: 2 pinned, 0 unpinned"), r.out());
        assertPinnedAsUpstreamServes(lock);
        assertTrue(Files.readString(lock).contains("- image: " + Registries.OCI + "\n  kind: extra\n  from: \"--image\"\n  digest: "
                + reg.oci.digest() + "\n  mediaType: " + reg.oci.mediaType() + "\n"), Files.readString(lock));
    }

    @Test
    void lockPinPinsTheImagesOfAnUnpinnedLock() throws Exception {
        Path lock = ImageLocks.write(tmp.resolve("ferry.lock"), Registries.OCI, "", Registries.DOCKER, "");
        Cli.Result r = ImageLocks.reading(reg, tmp, "lock", "pin", lock.toString());
        assertEquals(0, r.exit(), r.toString());
        assertTrue(r.out().contains("pinned 2 image digests into " + lock), r.out());
        assertPinnedAsUpstreamServes(lock);
        Cli.Result again = ImageLocks.reading(reg, tmp, "lock", "pin", lock.toString(), "--output", "json");
        assertEquals(0, again.exit(), again.toString());
        assertTrue(again.out().contains("\"imagesPinned\": 0") && again.out().contains("\"images\": 2"), again.out());
    }

    @Test
    void anUnreachableRegistryLeavesNoLockAndResolveFilesPinsTheFilesAlone() throws Exception {
        Path lock = tmp.resolve("ferry.lock");
        List<String> plan = List.of("plan", "--image", Registries.OCI, "--resolve", "--lock-file", lock.toString(),
                "--registry-endpoint", "registry.k8s.io=http://127.0.0.1:1", "--retry-delay-ms", "10");
        Cli.Result r = ImageLocks.mirror(tmp, plan);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("1 of 1 image could not be pinned") && r.err().contains("no lock was written"), r.err());
        assertTrue(r.err().contains("--resolve=files pins the files alone"), r.err());
        assertFalse(Files.exists(lock), "no lock");

        Cli.Result files = ImageLocks.mirror(tmp, List.of("plan", "--image", Registries.OCI, "--resolve=files", "--lock-file", lock.toString(),
                "--registry-endpoint", "registry.k8s.io=http://127.0.0.1:1"));
        assertEquals(0, files.exit(), files.toString());
        assertTrue(images(lock).values().stream().noneMatch(LockedImage::isPinned), "the images wait for the first sync");

        Cli.Result bad = ImageLocks.mirror(tmp, List.of("plan", "--image", Registries.OCI, "--resolve=everything"));
        assertEquals(2, bad.exit(), bad.toString());
        assertTrue(bad.err().contains("--resolve takes all (the default), files or images, not 'everything'"), bad.err());
    }
}
