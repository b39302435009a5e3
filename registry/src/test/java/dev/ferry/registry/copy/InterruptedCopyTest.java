package dev.ferry.registry.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.progress.Progress;
import dev.ferry.registry.client.RepositoryClient;
import dev.ferry.registry.client.Role;
import dev.ferry.registry.copy.ImageResult.Status;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import dev.ferry.registry.support.CopyMain;
import dev.ferry.registry.support.Registries;
import dev.ferry.registry.support.RegistryProxy;
import dev.ferry.registry.support.Skopeo;
import dev.ferry.registry.support.TestImages;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A copy killed half-way (kill -9 of its process) completes on the next run, sending only what is missing. */
class InterruptedCopyTest {
    @RegisterExtension
    static final Registries reg = new Registries();

    private static long present(String repository, TestImages.TestImage image) {
        RepositoryClient repo = reg.access().client(reg.target.host(), true).repository(repository, Role.TARGET);
        return image.blobs().stream().filter(repo::hasBlob).count();
    }

    @Test
    void aKilledCopyCompletesOnReRun() throws Exception {
        String target = "http://" + reg.target.host() + "/killed";
        long blobs = reg.oci.blobs().size() + reg.docker.blobs().size();
        Process child;
        try (RegistryProxy slow = RegistryProxy.start(reg.upstream.url()).throttle(400)) {
            child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), CopyMain.class.getName(), "--target", target, "--jobs", "2",
                    "--mirror", "https://registry.k8s.io=" + slow.url(), "--endpoint", "registry.k8s.io=http://127.0.0.1:1",
                    Registries.OCI, Registries.DOCKER).redirectErrorStream(true).redirectOutput(reg.dir().resolve("child.log").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reg.target.requests("\"PUT /v2/killed/[^ ]+/blobs/uploads/[^ ]+ HTTP/1.1\" 201") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            child.destroyForcibly().waitFor();
        }
        assertTrue(child.exitValue() != 0, "the copy was killed before it finished");
        long sentBefore = present("killed/team/oci-app", reg.oci) + present("killed/team/docker-app", reg.docker);
        assertTrue(sentBefore >= 2 && sentBefore < blobs, "some blobs, not all, arrived before the kill: " + sentBefore);
        assertTrue(!Skopeo.exists("docker://" + reg.target.host() + "/killed/team/oci-app:1.0"), "no tag before the image is whole");

        RegistryTarget t = RegistryTarget.parse(target);
        long uploads = reg.target.uploadsStarted();
        CopyReport rerun = reg.access().copy(TargetNames.map(List.of(ImageRequest.of(Registries.OCI), ImageRequest.of(Registries.DOCKER)), t,
                ImageNaming.PROXY), t, CopyOptions.defaults(4), false, Progress.none());
        assertEquals(2, rerun.count(Status.COPIED), rerun.summary());
        assertEquals(blobs - sentBefore, rerun.blobsCopied(), "the re-run sends only what the killed run had not");
        assertEquals(rerun.blobsCopied(), reg.target.uploadsStarted() - uploads);
        assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/killed/team/oci-app:1.0"));
        assertEquals(reg.docker.digest(), Skopeo.digest("docker://" + reg.target.host() + "/killed/team/docker-app:1.0"));
    }
}
