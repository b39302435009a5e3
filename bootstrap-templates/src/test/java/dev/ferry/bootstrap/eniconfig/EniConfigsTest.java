package dev.ferry.bootstrap.eniconfig;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EniConfigsTest {
    static final List<PodSubnet> TWO_ZONES = List.of(PodSubnet.parse("cn-north-1a=subnet-0123456789abcdef0"),
            PodSubnet.parse("cn-north-1b=subnet-89abcdef"));

    @Test
    void oneEniConfigPerZoneNamedAfterTheZone() {
        EniConfigs c = new EniConfigs(TWO_ZONES, List.of("sg-0123456789abcdef0", "sg-01234567"), false);
        String yaml = c.eniConfigYaml("ferry test");
        String[] docs = yaml.split("(?m)^---\\n");
        assertEquals(2, docs.length);
        for (int i = 0; i < 2; i++) {
            Map<String, YamlNode> m = Yaml.parse(docs[i], "doc" + i).map("ENIConfig");
            assertEquals("crd.k8s.amazonaws.com/v1alpha1", m.get("apiVersion").string("apiVersion"));
            assertEquals("ENIConfig", m.get("kind").string("kind"));
            assertEquals(TWO_ZONES.get(i).zone(), m.get("metadata").map("metadata").get("name").string("name"));
            Map<String, YamlNode> spec = m.get("spec").map("spec");
            assertEquals(TWO_ZONES.get(i).subnetId(), spec.get("subnet").string("subnet"));
            assertEquals(List.of("sg-0123456789abcdef0", "sg-01234567"), spec.get("securityGroups").strings("securityGroups"));
            assertTrue(m.get("metadata").map("metadata").get("namespace") == null, "ENIConfig is cluster-scoped");
        }
    }

    @Test
    void awsNodeEnvironment() {
        EniConfigs c = new EniConfigs(TWO_ZONES, List.of(), true);
        assertEquals(Map.of("AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG", "true", "ENI_CONFIG_LABEL_DEF", "topology.kubernetes.io/zone",
                "ENABLE_PREFIX_DELEGATION", "true"), c.awsNodeEnv());
        YamlNode patch = Yaml.parse(c.awsNodePatchYaml(), "patch");
        YamlNode container = patch.map("p").get("spec").map("s").get("template").map("t").get("spec").map("s").get("containers").list("c").get(0);
        assertEquals("aws-node", container.map("c").get("name").string("name"));
        List<YamlNode> env = container.map("c").get("env").list("env");
        assertEquals(3, env.size());
        assertEquals("ENI_CONFIG_LABEL_DEF", env.get(1).map("e").get("name").string("n"));
        assertEquals("kubectl -n kube-system set env daemonset/aws-node AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG=true "
                + "ENI_CONFIG_LABEL_DEF=topology.kubernetes.io/zone ENABLE_PREFIX_DELEGATION=true", c.kubectlSetEnv());
        assertTrue(!new EniConfigs(TWO_ZONES, List.of(), false).awsNodeEnv().containsKey("ENABLE_PREFIX_DELEGATION"));
        assertTrue(!new EniConfigs(TWO_ZONES, List.of(), false).eniConfigYaml("x").contains("securityGroups"));
    }

    @Test
    void badIdsAndZonesAreRefusedWithAHint() {
        record Bad(String subnet, String message) {}
        for (Bad b : List.of(new Bad("cn-north-1a=subnet-xyz", "'subnet-xyz' is not a subnet ID"),
                new Bad("cn-north-1a=sg-0123456789abcdef0", "is not a subnet ID"),
                new Bad("cnn1-az1=subnet-0123456789abcdef0", "'cnn1-az1' is not an availability zone name"),
                new Bad("cn-north-1=subnet-0123456789abcdef0", "is not an availability zone name"),
                new Bad("cn-north-1a;id=subnet-0123456789abcdef0", "is not an availability zone name"),
                new Bad("subnet-0123456789abcdef0", "is not ZONE=SUBNET"))) {
            FerryException e = assertThrows(FerryException.class, () -> PodSubnet.parse(b.subnet), b.subnet);
            assertTrue(e.getMessage().contains(b.message), e.getMessage());
            assertTrue(e.hint().isPresent());
            assertEquals(FerryException.BAD_USAGE, e.exitCode());
        }
        assertTrue(assertThrows(FerryException.class, () -> PodSubnet.parse("cnn1-az1=subnet-0123456789abcdef0")).hint().orElseThrow()
                .contains("not the zone ID"));
        assertEquals("us-west-2", PodSubnet.parse("us-west-2-lax-1a=subnet-01234567").region());
        assertThrows(FerryException.class, () -> new EniConfigs(TWO_ZONES, List.of("sg-$(id)"), false));
        assertThrows(FerryException.class, () -> new EniConfigs(List.of(PodSubnet.parse("cn-north-1a=subnet-01234567"),
                PodSubnet.parse("cn-north-1a=subnet-89abcdef")), List.of(), false), "two subnets for one zone");
        assertThrows(FerryException.class, () -> new EniConfigs(List.of(PodSubnet.parse("cn-north-1a=subnet-01234567"),
                PodSubnet.parse("cn-north-1b=subnet-01234567")), List.of(), false), "one subnet in two zones");
        FerryException regions = assertThrows(FerryException.class, () -> new EniConfigs(List.of(PodSubnet.parse("cn-north-1a=subnet-01234567"),
                PodSubnet.parse("cn-northwest-1a=subnet-89abcdef")), List.of(), false));
        assertTrue(regions.getMessage().contains("cn-north-1, cn-northwest-1"), regions.getMessage());
        assertThrows(FerryException.class, () -> new EniConfigs(TWO_ZONES,
                List.of("sg-00000001", "sg-00000002", "sg-00000003", "sg-00000004", "sg-00000005", "sg-00000006"), false));
    }
}
