package dev.ferry.registry.ref;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** kOps's own examples ({@code pkg/assets/builder_test.go}) and cases derived from its {@code NormalizeImage}. */
class ImageNamingTest {

    @Test
    void containerProxyAsKopsTestsIt() {
        String proxy = "proxy.example.com/";
        // TestValidate_RemapImage_ContainerProxy_AppliesToDockerHub
        assertEquals("proxy.example.com/weaveworks/weave-kube", ImageNaming.PROXY.rename("weaveworks/weave-kube", proxy));
        // …_AppliesToSimplifiedDockerHub
        assertEquals("proxy.example.com/debian", ImageNaming.PROXY.rename("debian", proxy));
        // …_AppliesToSimplifiedKubernetesURL
        assertEquals("proxy.example.com/kube-apiserver", ImageNaming.PROXY.rename("registry.k8s.io/kube-apiserver", proxy));
        // …_AppliesToLegacyKubernetesURL
        assertEquals("proxy.example.com/google_containers/kube-apiserver", ImageNaming.PROXY.rename("gcr.io/google_containers/kube-apiserver", proxy));
        // …_AppliesToImagesWithTags
        assertEquals("proxy.example.com/kube-apiserver:1.2.3", ImageNaming.PROXY.rename("registry.k8s.io/kube-apiserver:1.2.3", proxy));
    }

    @Test
    void containerRegistryConvergesAsKopsTestsIt() {
        // TestValidate_RemapImage_ContainerRegistry_MappingMultipleTimesConverges
        String once = ImageNaming.REGISTRY.rename("kube-apiserver:1.2.3", "proxy.example.com");
        assertEquals("proxy.example.com/kube-apiserver:1.2.3", once);
        assertEquals(once, ImageNaming.REGISTRY.rename(once, "proxy.example.com"));
    }

    @Test
    void containerRegistryFlattensSlashes() {
        String r = "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops";
        assertEquals(r + "/kops-kops-controller:1.34.0", ImageNaming.REGISTRY.rename("registry.k8s.io/kops/kops-controller:1.34.0", r));
        assertEquals(r + "/sig-storage-csi-provisioner:v6.2.0", ImageNaming.REGISTRY.rename("registry.k8s.io/sig-storage/csi-provisioner:v6.2.0", r));
        assertEquals(r + "/602401143452.dkr.ecr.us-west-2.amazonaws.com-amazon-k8s-cni:v1.23.0",
                ImageNaming.REGISTRY.rename("602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.23.0", r));
        assertEquals(r + "/docker.io-calico-node:v3.31.6", ImageNaming.REGISTRY.rename("docker.io/calico/node:v3.31.6", r));
        assertEquals(r + "/pause:3.10.1", ImageNaming.REGISTRY.rename("registry.k8s.io/pause:3.10.1", r));
    }

    @Test
    void containerProxyKeepsPathsAndDigests() {
        String d = "@sha256:" + "b".repeat(64);
        assertEquals("harbor.example.cn/k8s/pause:3.10.1" + d, ImageNaming.PROXY.rename("registry.k8s.io/pause:3.10.1" + d, "harbor.example.cn/k8s"));
        assertEquals("harbor.example.cn/k8s/calico/node:v3.31.6", ImageNaming.PROXY.rename("docker.io/calico/node:v3.31.6", "harbor.example.cn/k8s"));
        // kOps treats the ':' of a tagged short name as a registry port and replaces the whole name: kept exactly, refused later
        assertEquals("harbor.example.cn", ImageNaming.PROXY.rename("debian:12", "harbor.example.cn"));
    }
}
