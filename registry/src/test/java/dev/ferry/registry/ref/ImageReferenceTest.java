package dev.ferry.registry.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageReferenceTest {
    private static final String D = "sha256:" + "a".repeat(64);

    @Test
    void readsNamesAsDockerDoes() {
        ImageReference r = ImageReference.parse("registry.k8s.io/pause:3.10.1");
        assertEquals("registry.k8s.io", r.registry());
        assertEquals("pause", r.repository());
        assertEquals(Optional.of("3.10.1"), r.tag());
        assertEquals("registry.k8s.io/pause:3.10.1", r.toString());

        ImageReference pinned = ImageReference.parse("registry.k8s.io/etcd-manager/etcd-manager-slim:v3.0.20260707@" + D);
        assertEquals("etcd-manager/etcd-manager-slim", pinned.repository());
        assertEquals(D, pinned.digest().orElseThrow().toString());
        assertEquals("v3.0.20260707", pinned.reference());

        ImageReference byDigest = ImageReference.parse("registry.k8s.io/pause@" + D);
        assertTrue(byDigest.tag().isEmpty());
        assertEquals(D, byDigest.reference());
    }

    @Test
    void dockerHubShortNamesGainLibraryAndLatest() {
        assertEquals("docker.io/library/debian:latest", ImageReference.parse("debian").toString());
        assertEquals("docker.io/library/debian:12", ImageReference.parse("debian:12").toString());
        assertEquals("docker.io/calico/node:v3.31.6", ImageReference.parse("calico/node:v3.31.6").toString());
        assertEquals("docker.io/calico/node:v3.31.6", ImageReference.parse("docker.io/calico/node:v3.31.6").toString());
        assertEquals("docker.io/library/busybox:1", ImageReference.parse("index.docker.io/busybox:1").toString());
    }

    @Test
    void portsAndLocalhostAreRegistries() {
        ImageReference r = ImageReference.parse("127.0.0.1:5000/team/app:1.0");
        assertEquals("127.0.0.1:5000", r.registry());
        assertEquals("team/app", r.repository());
        assertEquals("localhost", ImageReference.parse("localhost/app:1").registry());
        assertEquals("localhost:5000/app:latest", ImageReference.parse("localhost:5000/app").toString());
        assertEquals("602401143452.dkr.ecr.us-west-2.amazonaws.com", ImageReference.parse(
                "602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.23.0").registry());
    }

    @Test
    void refusesWhatDockerRefuses() {
        assertThrows(BadInput.class, () -> ImageReference.parse("registry.k8s.io/Pause:3"));
        assertThrows(BadInput.class, () -> ImageReference.parse("registry.k8s.io/pause:"));
        assertThrows(BadInput.class, () -> ImageReference.parse("registry.k8s.io/pause@sha256:abc"));
        assertThrows(BadInput.class, () -> ImageReference.parse("https://registry.k8s.io/pause:3"));
        assertThrows(BadInput.class, () -> ImageReference.parse(""));
        assertThrows(BadInput.class, () -> ImageReference.parse("registry.k8s.io//pause:3"));
    }
}
