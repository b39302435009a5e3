package dev.ferry.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import dev.ferry.registry.ref.ImageReference;
import org.junit.jupiter.api.Test;

class RegistryMirrorTest {
    @Test
    void aMirrorServesWhatItsPrefixCovers() {
        RegistryMirror local = RegistryMirror.parse("https://registry.k8s.io=http://127.0.0.1:5001");
        RegistryMirror.Location l = local.apply(ImageReference.parse("registry.k8s.io/kops/kops-controller:1.34.0")).orElseThrow();
        assertEquals("http://127.0.0.1:5001", l.endpoint().base());
        assertEquals("kops/kops-controller", l.repository());
        assertTrue(local.apply(ImageReference.parse("registry.k8s.io.evil.example/pause:1")).isEmpty());
        assertTrue(local.apply(ImageReference.parse("quay.io/cilium/cilium:v1")).isEmpty());

        RegistryMirror harbor = RegistryMirror.parse("https://index.docker.io/=https://harbor.example.cn/dockerhub-proxy/");
        RegistryMirror.Location h = harbor.apply(ImageReference.parse("calico/node:v3.31.6")).orElseThrow();
        assertEquals("https://harbor.example.cn", h.endpoint().base());
        assertEquals("dockerhub-proxy/calico/node", h.repository());

        RegistryMirror one = RegistryMirror.parse("https://registry.k8s.io/pause=https://m.example.cn/sandbox");
        assertEquals("sandbox", one.apply(ImageReference.parse("registry.k8s.io/pause:3.10.1")).orElseThrow().repository());
        assertThrows(BadInput.class, () -> RegistryMirror.parse("registry.k8s.io=127.0.0.1:5001"));
    }
}
