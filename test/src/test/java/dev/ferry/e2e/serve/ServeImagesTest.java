package dev.ferry.e2e.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Containerd;
import dev.ferry.e2e.support.FerryProcess;
import dev.ferry.e2e.support.TestLock;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.support.NamedLayout;
import dev.ferry.registry.support.Skopeo;
import dev.ferry.registry.support.TestImages;
import dev.ferry.registry.support.TestImages.TestImage;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry mirror serve} over a folder holding files and, in {@code images/}, an OCI layout as
 * {@code sync --registry oci:DIR} writes it: skopeo pulls every image, every platform, by tag and by digest, under
 * the names kOps's containerProxy and a containerd mirror use, and so does containerd's {@code ctr} where it is
 * installed; digests equal the layout's; files are still files.
 */
class ServeImagesTest {
    @TempDir
    Path tmp;
    TestImage pause;
    TestImage calico;
    byte[] nodeup;
    Path log;
    Process serve;
    String host;

    /** A mirror folder with a file and two images, served by {@code ferry mirror serve} in its own process. */
    @BeforeEach
    void serve() throws Exception {
        Path mirror = Files.createDirectories(tmp.resolve("mirror/kops/1.30.4/linux/amd64"));
        nodeup = TestLock.bytes(300_000, 7);
        Files.write(mirror.resolve("nodeup"), nodeup);
        pause = TestImages.generate(tmp.resolve("src/pause"), false, 21, new int[] {200_000, 5_000}, new int[] {150_000});
        calico = TestImages.generate(tmp.resolve("src/calico"), true, 22, new int[] {80_000}, new int[] {70_000});
        NamedLayout.write(OciLayout.create(tmp.resolve("mirror/images")),
                Map.of("registry.k8s.io/pause:3.10.1", pause, "docker.io/calico/node:v3.31.6", calico));
        log = tmp.resolve("serve.log");
        // skopeo tries HTTPS first and waits for an answer the JDK's server never gives: a short header timeout ends the wait
        serve = FerryProcess.start(List.of("mirror", "serve", "--dir", tmp.resolve("mirror").toString(), "--port", "0",
                "--header-timeout", "1"), log);
        host = "127.0.0.1:" + FerryProcess.port(serve, log);
        for (int i = 0; i < 100 && !Files.readString(log).contains("Registry API at"); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(log).contains("Registry API at http://" + host + "/v2/: 2 images in "), Files.readString(log));
    }

    @AfterEach
    void stop() throws InterruptedException {
        serve.destroy();
        serve.waitFor(10, TimeUnit.SECONDS);
    }

    /** serve logs a request after answering it: a client can finish before its line is written (up to 10 s). */
    private String logOnceItHolds(String line) throws Exception {
        for (int i = 0; i < 200 && !Files.readString(log).contains(line); i++) {
            Thread.sleep(50);
        }
        return Files.readString(log);
    }

    @Test
    void skopeoPullsEveryImageFromServeByTagAndByDigest() throws Exception {
        Skopeo.assumeInstalled();
        Skopeo.copy("docker://" + host + "/pause:3.10.1", "oci:" + tmp.resolve("pulled") + ":pause");
        assertEquals(pause.digest(), Skopeo.digest("oci:" + tmp.resolve("pulled") + ":pause"), "every platform, byte for byte");
        assertEquals(pause.digest(), Skopeo.digest("docker://" + host + "/registry.k8s.io/pause@" + pause.digest()));
        // a Docker manifest list cannot go into an OCI layout unchanged: skopeo's dir: keeps its bytes
        Skopeo.copy("docker://" + host + "/calico/node:v3.31.6", "dir:" + tmp.resolve("calico"));
        assertEquals(calico.digest(), Digest.sha256(Files.readAllBytes(tmp.resolve("calico/manifest.json"))));
        assertEquals(calico.children().get(1), Skopeo.digest("docker://" + host + "/docker.io/calico/node@" + calico.children().get(1)));

        HttpURLConnection c = (HttpURLConnection) URI.create("http://" + host + "/kops/1.30.4/linux/amd64/nodeup").toURL().openConnection();
        assertEquals(200, c.getResponseCode());
        try (InputStream in = c.getInputStream()) {
            assertArrayEquals(nodeup, in.readAllBytes(), "files are served beside the images");
        }
        String lines = logOnceItHolds("GET /kops/1.30.4/linux/amd64/nodeup 200 300000 bytes");
        assertTrue(lines.contains("GET /v2/pause/manifests/3.10.1 200 manifest " + pause.digest()), lines);
        assertTrue(lines.contains("GET /kops/1.30.4/linux/amd64/nodeup 200 300000 bytes"), lines);
    }

    @Test
    void containerdPullsByTheContainerProxyNameAndByDigest() throws Exception {
        try (Containerd containerd = Containerd.start(tmp.resolve("containerd"))) {
            List<String> plain = List.of("--plain-http", "--snapshotter", "native");
            containerd.pull(plain, host + "/pause:3.10.1");
            assertEquals(pause.digest().toString(), containerd.digest(host + "/pause:3.10.1"));
            containerd.pull(plain, host + "/docker.io/calico/node@" + calico.digest());
            assertEquals(calico.digest().toString(), containerd.digest(host + "/docker.io/calico/node@" + calico.digest()));
        }
    }
}
