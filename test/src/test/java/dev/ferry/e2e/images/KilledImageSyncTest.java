package dev.ferry.e2e.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import dev.ferry.e2e.support.FerryProcess;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.registry.support.Registries;
import dev.ferry.registry.support.RegistryProxy;
import dev.ferry.registry.support.Skopeo;
import dev.ferry.registry.support.TestImages.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code ferry mirror sync --registry}, killed (SIGKILL) half-way, completes on re-run and sends only what was missing. */
class KilledImageSyncTest {
    @RegisterExtension
    static final Registries reg = new Registries();

    @TempDir
    Path tmp;

    private static long present(String repository, TestImage image) throws Exception {
        long n = 0;
        for (var b : image.blobs()) {
            var head = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create(reg.target.url() + "/v2/" + repository + "/blobs/" + b.digest())).method("HEAD",
                    java.net.http.HttpRequest.BodyPublishers.noBody()).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
            n += head.statusCode() == 200 ? 1 : 0;
        }
        return n;
    }

    @Test
    void aKilledSyncCompletesOnReRun() throws Exception {
        Path lock = ImageLocks.write(tmp.resolve("ferry.lock"), Registries.OCI, "", Registries.DOCKER, "");
        String before = Files.readString(lock);
        String target = "http://" + reg.target.host() + "/killed";
        long blobs = reg.oci.blobs().size() + reg.docker.blobs().size();
        Process child;
        try (RegistryProxy slow = RegistryProxy.start(reg.upstream.url()).throttle(400)) {
            List<String> args = new ArrayList<>(List.of("mirror", "sync", "--lock", lock.toString(), "--registry", target, "--jobs", "2",
                    "--source-mirror", "https://registry.k8s.io=" + slow.url(), "--registry-endpoint", "registry.k8s.io=http://127.0.0.1:1"));
            child = FerryProcess.start(List.of(), args, Map.of("DOCKER_CONFIG", tmp.toString()), tmp.resolve("killed.log"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (reg.target.requests("\"PUT /v2/killed/[^ ]+/blobs/uploads/[^ ]+ HTTP/1.1\" 201") < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            child.destroyForcibly().waitFor();
        }
        assertTrue(child.exitValue() != 0, "the sync was killed before it finished: " + Files.readString(tmp.resolve("killed.log")));
        long sent = present("killed/team/oci-app", reg.oci) + present("killed/team/docker-app", reg.docker);
        assertTrue(sent >= 2 && sent < blobs, "some blobs, not all, arrived before the kill: " + sent);
        assertFalse(Skopeo.exists("docker://" + reg.target.host() + "/killed/team/oci-app:1.0"), "no tag before the image is whole");
        assertEquals(2, LockFile.read(lock).images().size(), "the lock is whole: " + (Files.readString(lock).equals(before) ? "as it was" : "rewritten"));

        long uploads = reg.target.uploadsStarted();
        Cli.Result rerun = ImageLocks.reading(reg, tmp, "sync", "--lock", lock.toString(), "--registry", target, "--output", "json");
        assertEquals(0, rerun.exit(), rerun.toString());
        assertEquals(blobs - sent, reg.target.uploadsStarted() - uploads, "the re-run sends only what the killed run had not");
        assertEquals(reg.oci.digest(), Skopeo.digest("docker://" + reg.target.host() + "/killed/team/oci-app:1.0"));
        assertEquals(reg.docker.digest(), Skopeo.digest("docker://" + reg.target.host() + "/killed/team/docker-app:1.0"));
    }
}
