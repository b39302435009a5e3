package dev.ferry.registry.layout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.HashMismatch;
import dev.ferry.progress.Progress;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.copy.CopyOptions;
import dev.ferry.registry.copy.CopyReport;
import dev.ferry.registry.copy.ImageCopy;
import dev.ferry.registry.copy.ImageResult.Status;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.ref.ImageMapping;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import dev.ferry.registry.support.Registries;
import dev.ferry.registry.support.Skopeo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Images into an OCI layout (the air-gap form) and from it into a registry, digests intact both ways. */
class OciLayoutTest {
    @RegisterExtension
    static final Registries reg = new Registries();

    @Test
    void imagesGoIntoALayoutAndFromItIntoARegistry() throws Exception {
        Path layoutDir = reg.dir().resolve("bundle");
        RegistryTarget toLayout = RegistryTarget.parse("oci:" + layoutDir);
        List<ImageRequest> images = List.of(ImageRequest.of(Registries.OCI), ImageRequest.of(Registries.DOCKER));
        CopyReport in = reg.access().copy(TargetNames.map(images, toLayout, ImageNaming.PROXY), toLayout, CopyOptions.defaults(4), false, Progress.none());
        assertEquals(2, in.count(Status.COPIED), in.summary());

        OciLayout layout = OciLayout.open(layoutDir);
        LayoutEntry oci = layout.entry(Registries.OCI).orElseThrow();
        assertEquals(reg.oci.digest(), oci.descriptor().digest());
        assertEquals(reg.oci.mediaType(), oci.descriptor().mediaType());
        assertEquals(Registries.OCI, oci.annotations().get(OciLayout.IMAGE_NAME));
        assertEquals(reg.docker.digest(), layout.entry(Registries.DOCKER).orElseThrow().descriptor().digest());
        assertEquals(reg.oci.digest(), Skopeo.digest("oci:" + layoutDir + ":" + Registries.OCI), "skopeo finds the image by its name");
        // every blob and manifest once, named by its digest, nothing else left behind
        Set<String> files = new HashSet<>();
        try (Stream<Path> s = Files.list(layoutDir.resolve("blobs/sha256"))) {
            s.forEach(p -> files.add(p.getFileName().toString()));
        }
        int expected = reg.oci.blobs().size() + reg.oci.children().size() + 1 + reg.docker.blobs().size() + reg.docker.children().size() + 1;
        assertEquals(expected, files.size());
        for (String f : files) {
            assertEquals(f, Digest.sha256(Files.readAllBytes(layoutDir.resolve("blobs/sha256").resolve(f))).hex());
        }
        // a second copy into the layout finds everything there
        CopyReport again = reg.access().copy(TargetNames.map(images, toLayout, ImageNaming.PROXY), toLayout, CopyOptions.defaults(4), false, Progress.none());
        assertEquals(2, again.count(Status.PRESENT));

        // the far side: from the layout into a registry, as an air-gap push does
        RegistryTarget registry = RegistryTarget.parse("http://" + reg.target.host() + "/far");
        List<ImageMapping> mapped = TargetNames.map(images, registry, ImageNaming.REGISTRY);
        RegistryAccess access = reg.access();
        access.prepare(registry, mapped, false, Progress.none());
        CopyReport out = new ImageCopy(CopyOptions.defaults(4)).run(access.jobsFromLayout(layout, mapped, registry), Progress.none());
        assertEquals(2, out.count(Status.COPIED), out.summary());
        assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/far/team-oci-app:1.0"));
        assertEquals(reg.docker.digest(), Skopeo.digest("docker://" + reg.target.host() + "/far/team-docker-app:1.0"));
    }

    @Test
    void aDamagedLayoutBlobIsCaughtOnTheWayOut() throws Exception {
        Path layoutDir = reg.dir().resolve("damaged");
        RegistryTarget toLayout = RegistryTarget.parse("oci:" + layoutDir);
        List<ImageMapping> mapped = TargetNames.map(List.of(ImageRequest.of(Registries.DOCKER)), toLayout, ImageNaming.PROXY);
        assertEquals(1, reg.access().copy(mapped, toLayout, CopyOptions.defaults(2), false, Progress.none()).count(Status.COPIED));
        OciLayout layout = OciLayout.open(layoutDir);
        Path blob = layout.blobPath(reg.docker.largest().digest());
        byte[] bytes = Files.readAllBytes(blob);
        bytes[bytes.length / 2] ^= 1;
        Files.write(blob, bytes);

        RegistryTarget registry = RegistryTarget.parse("http://" + reg.target.host() + "/damaged");
        List<ImageMapping> far = TargetNames.map(List.of(ImageRequest.of(Registries.DOCKER)), registry, ImageNaming.PROXY);
        CopyReport out = new ImageCopy(CopyOptions.defaults(2)).run(reg.access().jobsFromLayout(layout, far, registry), Progress.none());
        assertEquals(Status.FAILED, out.images().get(0).status());
        assertTrue(out.images().get(0).failure().orElseThrow() instanceof HashMismatch, out.images().get(0).failure().orElseThrow().getMessage());
        assertTrue(!Skopeo.exists("docker://" + reg.target.host() + "/damaged/team/docker-app:1.0"));

        Files.writeString(layout.blobPath(reg.docker.digest()), "{}");
        assertThrows(HashMismatch.class, () -> layout.manifest(Registries.DOCKER, ""));
    }
}
