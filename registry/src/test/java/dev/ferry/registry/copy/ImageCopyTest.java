package dev.ferry.registry.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import dev.ferry.error.HashMismatch;
import dev.ferry.format.Yaml;
import dev.ferry.progress.Progress;
import dev.ferry.progress.ProgressEvent;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.auth.CredentialStore;
import dev.ferry.registry.client.Role;
import dev.ferry.registry.client.UploadStyle;
import dev.ferry.registry.copy.ImageResult.Status;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.ref.ImageMapping;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import dev.ferry.registry.support.Registries;
import dev.ferry.registry.support.Skopeo;
import dev.ferry.registry.support.TestImages;
import dev.ferry.registry.support.TestImages.TestImage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Copies between two real registries (Debian's docker-registry), with skopeo as the independent judge of digests. */
class ImageCopyTest {
    @RegisterExtension
    static final Registries reg = new Registries();

    private static RegistryTarget target(String prefix) {
        return RegistryTarget.parse("http://" + reg.target.host() + "/" + prefix);
    }

    private static CopyReport copy(RegistryAccess access, String prefix, List<ImageRequest> images, Progress progress) {
        RegistryTarget t = target(prefix);
        return access.copy(TargetNames.map(images, t, ImageNaming.PROXY), t, CopyOptions.defaults(4), false, progress);
    }

    private static List<ImageRequest> both() {
        return List.of(ImageRequest.of(Registries.OCI), ImageRequest.of(Registries.DOCKER));
    }

    @Test
    void anOciIndexAndADockerListArriveByteForByteWithEveryPlatform() throws Exception {
        List<ProgressEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());
        CopyReport report;
        try (Progress root = Progress.root("images", events::add)) {
            report = copy(reg.access(), "exact", both(), root);
        }
        assertEquals(2, report.count(Status.COPIED), report.summary());
        for (TestImage image : List.of(reg.oci, reg.docker)) {
            String repo = reg.target.host() + "/exact/team/" + (image == reg.oci ? "oci-app" : "docker-app");
            byte[] raw = Skopeo.raw("docker://" + repo + ":1.0");
            assertEquals(image.digest(), Digest.sha256(raw), "skopeo reads upstream's digest in the target");
            assertEquals(image.mediaType(), Yaml.parseJson(new String(raw, StandardCharsets.UTF_8), "raw").map("m").get("mediaType").string("t"));
            for (Digest child : image.children()) {
                assertEquals(child, Skopeo.digest("docker://" + repo + "@" + child), "every platform's manifest is there");
            }
            // skopeo checks every blob's digest on the way out: all of them are in the target, intact
            Skopeo.copy("docker://" + repo + ":1.0", "dir:" + reg.dir().resolve("check-" + image.digest().shortHex()));
        }
        ImageResult oci = report.images().get(0);
        assertEquals(Optional.of(reg.oci.digest()), oci.digest());
        assertEquals("[linux/amd64, linux/arm64]", oci.platforms().toString());
        assertEquals(reg.oci.blobs().size() + reg.docker.blobs().size(), report.blobsCopied() + report.blobsMounted());
        assertEquals(reg.oci.bytes() + reg.docker.bytes(), report.bytesCopied());
        long moved = events.stream().filter(e -> e instanceof ProgressEvent.Moved).mapToLong(e -> ((ProgressEvent.Moved) e).bytes()).sum();
        assertEquals(report.bytesCopied(), moved, "progress heard of every byte");
    }

    @Test
    void aReRunSendsNoBlobAndAPinnedReRunAsksTheSourceNothing() throws Exception {
        CopyReport first = copy(reg.access(), "rerun", both(), Progress.none());
        assertEquals(2, first.count(Status.COPIED));
        long uploads = reg.target.uploadsStarted();
        CopyReport again = copy(reg.access(), "rerun", both(), Progress.none());
        assertEquals(2, again.count(Status.PRESENT), again.summary());
        assertEquals(0, again.blobsCopied());
        assertEquals(uploads, reg.target.uploadsStarted(), "the target's log shows no new upload");

        long upstreamRequests = reg.upstream.requests("\"(GET|HEAD) /v2/");
        List<ImageRequest> pinned = List.of(new ImageRequest(Registries.OCI, first.images().get(0).digest()),
                new ImageRequest(Registries.DOCKER, first.images().get(1).digest()));
        CopyReport offline = copy(reg.access(), "rerun", pinned, Progress.none());
        assertEquals(2, offline.count(Status.PRESENT));
        assertEquals(upstreamRequests, reg.upstream.requests("\"(GET|HEAD) /v2/"), "pinned and present: upstream is not asked");
    }

    @Test
    void aCorruptedUpstreamBlobFailsTheImageAndLeavesNoTag() throws Exception {
        TestImage bad = TestImages.generate(reg.dir().resolve("img-bad"), false, 3, new int[] {50_000, 300_000}, new int[] {40_000});
        reg.load(bad, "team/bad-app:2.0");
        reg.upstream.corrupt(bad.largest());
        CopyReport report = copy(reg.access(), "corrupt", List.of(ImageRequest.of("registry.k8s.io/team/bad-app:2.0")), Progress.none());
        ImageResult r = report.images().get(0);
        assertEquals(Status.FAILED, r.status());
        assertInstanceOf(HashMismatch.class, r.failure().orElseThrow(), r.failure().orElseThrow().getMessage());
        assertTrue(report.failed());
        String repo = reg.target.host() + "/corrupt/team/bad-app";
        assertFalse(Skopeo.exists("docker://" + repo + ":2.0"), "no tag points at an image with a bad blob");
        assertFalse(reg.access().client(reg.target.host(), true).repository("corrupt/team/bad-app", Role.TARGET).hasBlob(bad.largest()),
                "the bad blob was never stored");
    }

    @Test
    void aDigestTheSourceDoesNotHaveIsRefused() throws Exception {
        CopyReport report = copy(reg.access(), "pin", List.of(new ImageRequest(Registries.OCI, Optional.of(reg.docker.digest()))), Progress.none());
        ImageResult r = report.images().get(0);
        assertEquals(Status.FAILED, r.status());
        assertTrue(r.failure().orElseThrow().getMessage().contains(reg.docker.digest().toString()), r.failure().orElseThrow().getMessage());
        assertFalse(Skopeo.exists("docker://" + reg.target.host() + "/pin/team/oci-app:1.0"));
    }

    @Test
    void aStreamedPatchUploadKeepsDigestsToo() throws Exception {
        RegistryAccess streamed = new RegistryAccess(reg.http, reg.settings(reg.upstream.url(), CredentialStore.NONE).withUploads(UploadStyle.STREAMED),
                Clock.systemUTC());
        CopyReport report = copy(streamed, "streamed", both(), Progress.none());
        assertEquals(2, report.count(Status.COPIED), report.summary());
        assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/streamed/team/oci-app:1.0"));
        assertTrue(reg.target.requests("\"PATCH /v2/streamed/") > 0, "blobs went up by PATCH");
    }

    @Test
    void aBlobTwoRepositoriesNeedIsSentOnceAndMountedIntoTheOther() throws Exception {
        reg.load(reg.oci, "team/oci-twin:1.0");
        long uploads = reg.target.uploadsStarted();
        CopyReport r = copy(reg.access(), "mount", List.of(ImageRequest.of(Registries.OCI), ImageRequest.of("registry.k8s.io/team/oci-twin:1.0")),
                Progress.none());
        assertEquals(2, r.count(Status.COPIED), r.summary());
        assertEquals(reg.oci.blobs().size(), r.blobsCopied());
        assertEquals(reg.oci.blobs().size(), r.blobsMounted());
        assertEquals(reg.oci.blobs().size(), reg.target.uploadsStarted() - uploads, "each blob's bytes went once");
        assertTrue(reg.target.requests("\"POST /v2/mount/team/oci-[a-z]+/blobs/uploads/\\?from=") > 0
                || reg.target.requests("\"POST /v2/mount/team/oci-[a-z]+/blobs/uploads/\\?mount=") > 0);
        assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/mount/team/oci-twin:1.0"));
        Skopeo.copy("docker://" + reg.target.host() + "/mount/team/oci-twin:1.0", "dir:" + reg.dir().resolve("check-twin"));
    }

    @Test
    void imagesArePinnedWithTheirMediaTypeAndPlatforms() {
        dev.ferry.registry.ImageResolver resolver = new dev.ferry.registry.ImageResolver(reg.access());
        List<dev.ferry.registry.ResolvedImage> r = resolver.resolve(List.of(ImageRequest.of(Registries.OCI), ImageRequest.of(Registries.DOCKER),
                ImageRequest.of("registry.k8s.io/team/oci-app@" + reg.oci.children().get(1))), 3);
        assertEquals(reg.oci.digest(), r.get(0).digest());
        assertEquals(reg.oci.mediaType(), r.get(0).mediaType());
        assertEquals("[linux/amd64, linux/arm64]", r.get(0).platforms().toString());
        assertEquals(reg.docker.digest(), r.get(1).digest());
        assertEquals("[linux/arm64]", r.get(2).platforms().toString(), "a single manifest's platform comes from its config");
    }

    @Test
    void twoImagesForOneNameAreRefusedBeforeTheTargetHearsOfThem() throws Exception {
        long before = reg.target.requests("\"[A-Z]+ /v2/");
        RegistryTarget t = target("collide");
        List<ImageRequest> images = List.of(ImageRequest.of("registry.k8s.io/team/oci-app:1.0"), ImageRequest.of("quay.io/team/oci-app:1.0"));
        assertThrows(BadInput.class, () -> TargetNames.map(images, t, ImageNaming.PROXY));
        assertEquals(before, reg.target.requests("\"[A-Z]+ /v2/"));
        List<ImageMapping> flat = TargetNames.map(images, t, ImageNaming.REGISTRY);
        assertEquals(reg.target.host() + "/collide/team-oci-app:1.0", flat.get(0).target());
    }
}
