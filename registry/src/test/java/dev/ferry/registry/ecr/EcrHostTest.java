package dev.ferry.registry.ecr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.ref.TargetNames;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcrHostTest {
    @Test
    void chinaAndCommercialHostsAreRecognised() {
        EcrHost cn = EcrHost.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn").orElseThrow();
        assertEquals("123456789012", cn.account());
        assertEquals("cn-north-1", cn.region().name());
        assertTrue(cn.region().isChina());
        assertEquals("602401143452", EcrHost.parse("602401143452.dkr.ecr.us-west-2.amazonaws.com").orElseThrow().account());
        assertTrue(EcrHost.parse("123456789012.dkr.ecr-fips.us-east-1.amazonaws.com").orElseThrow().fips());
        assertTrue(EcrHost.parse("harbor.example.cn").isEmpty());
        assertTrue(EcrHost.parse("public.ecr.aws").isEmpty());
        assertThrows(BadInput.class, () -> EcrHost.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com"));
    }

    @Test
    void pauseInPrivateEcrIsWarnedAbout() {
        RegistryTarget ecr = RegistryTarget.parse("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops");
        String w = PauseCaveat.warning(ecr, TargetNames.map(List.of(ImageRequest.of("registry.k8s.io/pause:3.10.1"),
                ImageRequest.of("registry.k8s.io/coredns/coredns:v1.14.2")), ecr, ImageNaming.REGISTRY)).orElseThrow();
        assertTrue(w.contains("123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops/pause:3.10.1"), w);
        assertTrue(w.contains("kubernetes/kops#16762"), w);
        assertTrue(PauseCaveat.warning(ecr, TargetNames.map(List.of(ImageRequest.of("registry.k8s.io/coredns/coredns:v1.14.2")), ecr,
                ImageNaming.REGISTRY)).isEmpty());
        RegistryTarget harbor = RegistryTarget.parse("harbor.example.cn/k8s");
        assertTrue(PauseCaveat.warning(harbor, TargetNames.map(List.of(ImageRequest.of("registry.k8s.io/pause:3.10.1")), harbor,
                ImageNaming.PROXY)).isEmpty());
    }
}
