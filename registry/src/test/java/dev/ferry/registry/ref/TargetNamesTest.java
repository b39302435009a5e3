package dev.ferry.registry.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class TargetNamesTest {
    private final RegistryTarget harbor = RegistryTarget.parse("harbor.example.cn/k8s");

    @Test
    void namesEachImageByTheChosenRule() {
        List<ImageMapping> m = TargetNames.map(List.of(ImageRequest.of("registry.k8s.io/pause:3.10.1"),
                ImageRequest.of("registry.k8s.io/kops/kops-controller:1.34.0")), harbor, ImageNaming.REGISTRY);
        assertEquals("harbor.example.cn/k8s/pause:3.10.1", m.get(0).target());
        assertEquals("harbor.example.cn/k8s/kops-kops-controller:1.34.0", m.get(1).target());
        assertEquals("k8s/kops-kops-controller", m.get(1).targetReference().repository());
    }

    @Test
    void twoSourcesForOneNameAreRefusedBeforeAnythingIsCopied() {
        BadInput e = assertThrows(BadInput.class, () -> TargetNames.map(List.of(ImageRequest.of("docker.io/calico/node:v3.31.6"),
                ImageRequest.of("quay.io/calico/node:v3.31.6")), harbor, ImageNaming.PROXY));
        assertTrue(e.getMessage().contains("docker.io/calico/node:v3.31.6 and quay.io/calico/node:v3.31.6 would both be harbor.example.cn/k8s/calico/node:v3.31.6"),
                e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("registry: kOps containerRegistry"), e.hint().orElseThrow());
        // the other rule keeps them apart
        assertEquals(2, TargetNames.map(List.of(ImageRequest.of("docker.io/calico/node:v3.31.6"),
                ImageRequest.of("quay.io/calico/node:v3.31.6")), harbor, ImageNaming.REGISTRY).size());
        // flattening has collisions of its own
        assertThrows(BadInput.class, () -> TargetNames.map(List.of(ImageRequest.of("registry.k8s.io/a/b:1"),
                ImageRequest.of("registry.k8s.io/a-b:1")), harbor, ImageNaming.REGISTRY));
    }

    @Test
    void oneImageSpelledTwiceIsOneCopy() {
        assertEquals(1, TargetNames.map(List.of(ImageRequest.of("registry.k8s.io/pause:3.10.1"), ImageRequest.of("registry.k8s.io/pause:3.10.1")),
                harbor, ImageNaming.PROXY).size());
    }

    @Test
    void aNameKopsWouldMangleIsRefused() {
        BadInput e = assertThrows(BadInput.class, () -> TargetNames.map(List.of(ImageRequest.of("debian:12")), harbor, ImageNaming.PROXY));
        assertTrue(e.hint().orElseThrow().contains("docker.io/library/debian:12"), e.hint().orElseThrow());
    }

    @Test
    void aLayoutKeepsTheCanonicalName() {
        List<ImageMapping> m = TargetNames.map(List.of(ImageRequest.of("registry.k8s.io/pause:3.10.1")),
                new RegistryTarget.Layout(Path.of("images")), ImageNaming.PROXY);
        assertEquals("registry.k8s.io/pause:3.10.1", m.get(0).target());
    }

    @Test
    void targetsParse() {
        assertEquals(new RegistryTarget.Remote("127.0.0.1:5000/mirror", true), RegistryTarget.parse("http://127.0.0.1:5000/mirror/"));
        assertEquals(new RegistryTarget.Remote("harbor.example.cn", false), RegistryTarget.parse("https://harbor.example.cn"));
        assertEquals(new RegistryTarget.Layout(Path.of("./images")), RegistryTarget.parse("oci:./images"));
        assertThrows(BadInput.class, () -> RegistryTarget.parse("myregistry/k8s"));
        assertThrows(BadInput.class, () -> RegistryTarget.parse("s3://bucket"));
        assertThrows(BadInput.class, () -> RegistryTarget.parse("harbor.example.cn/K8s"));
    }
}
