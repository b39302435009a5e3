package dev.ferry.cli.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRun;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code ferry mirror env} through the CLI: the three output forms and the exit code. */
class EnvCommandTest {
    static final String CN = "https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops";

    @Test
    void textForAChinaBucket() {
        CliRun r = CliRun.of("mirror", "env", "--public-url", CN, "--kops", "1.30.4", "--kubernetes", "1.30.0",
                "--kube-image-tars", "--region", "cn-north-1");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("export KOPS_BASE_URL=" + CN + "/binaries/kops/1.30.4/"), r.out());
        assertTrue(r.out().contains("  spec:\n    assets:\n      fileRepository: " + CN + "\n"), r.out());
        assertTrue(r.out().contains("kops create cluster --kubernetes-version " + CN + "/release/v1.30.0"), r.out());
    }

    @Test
    void shellOutputIsQuotedAndWarnsInComments() {
        CliRun r = CliRun.of("mirror", "env", "--public-url", "s3://my-bucket/kops", "--kops", "1.30.4",
                "--region", "cn-north-1", "--output", "shell");
        assertEquals(1, r.exitCode(), "s3:// in China cannot work: " + r);
        assertTrue(r.out().contains("export KOPS_BASE_URL=s3://my-bucket/kops/binaries/kops/1.30.4/\n"), r.out());
        assertTrue(r.out().contains("# warning: kOps in the AWS China partition does not accept s3:// repositories"), r.out());
        assertTrue(r.err().contains("warning: kOps in the AWS China partition"), r.err());
        for (String line : r.out().split("\n")) {
            assertTrue(line.startsWith("#") || line.startsWith("export "), "not a shell line: " + line);
        }

        CliRun quoted = CliRun.of("mirror", "env", "--public-url", "http://10.0.0.5:8080/it's", "--kops", "1.30.4",
                "--output", "shell");
        assertTrue(quoted.out().contains("export KOPS_BASE_URL='http://10.0.0.5:8080/it'\\''s/binaries/kops/1.30.4/'"), quoted.toString());
    }

    @Test
    void jsonForPipelines() {
        CliRun r = CliRun.of("mirror", "env", "--public-url", "http://10.0.0.5:8080", "--kops", "1.30.4",
                "--kubernetes", "1.30.0", "--output", "json");
        assertEquals(0, r.exitCode(), r.toString());
        Map<String, YamlNode> m = Yaml.parse(r.out(), "env output").map("env");
        Map<String, YamlNode> cluster = m.get("clusters").list("clusters").get(0).map("cluster");
        assertEquals("http://10.0.0.5:8080/binaries/kops/1.30.4/", cluster.get("KOPS_BASE_URL").string("KOPS_BASE_URL"));
        assertEquals("http://10.0.0.5:8080", cluster.get("fileRepository").string("fileRepository"));
        assertTrue(cluster.get("kubernetesVersionUrl").isNull());
    }

    @Test
    void needsAPublicUrlAndSomethingToWorkOn() {
        assertEquals(2, CliRun.of("mirror", "env", "--kops", "1.30.4").exitCode(), "neither --public-url nor --registry");
        CliRun r = CliRun.of("mirror", "env", "--public-url", CN);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("give --lock ferry.lock, or --kops VERSION"), r.toString());
    }

    @Test
    void registryPrintsContainerProxyAndTheVpcCniOverrides() {
        CliRun r = CliRun.of("mirror", "env", "--kops", "1.34.0", "--kubernetes", "1.34.0", "--networking", "amazonvpc",
                "--registry", "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops");
        assertEquals(1, r.exitCode(), "pause from a private ECR cannot be pulled by containerd: " + r);
        assertTrue(r.out().contains("    assets:\n      containerProxy: \"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops\"\n"), r.out());
        assertTrue(r.out().contains("      amazonVPC:\n        image: \"123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops/amazon-k8s-cni:"), r.out());
        assertTrue(r.out().contains("initImage:") && r.out().contains("networkPolicyAgentImage:"), r.out());
        assertTrue(r.out().contains("warning: ") && r.out().contains("pause"), r.out());
    }

    @Test
    void containerdMirrorsKeepNamesAndSayHttpForAPlainRegistry() {
        CliRun r = CliRun.of("mirror", "env", "--kops", "1.34.0", "--kubernetes", "1.34.0", "--registry", "http://10.0.0.5:8080",
                "--containerd-mirrors", "--output", "json");
        assertEquals(0, r.exitCode(), r.toString());
        Map<String, YamlNode> images = Yaml.parse(r.out(), "env output").map("env").get("images").map("images");
        assertTrue(images.get("assets").map("assets").isEmpty(), r.out());
        Map<String, YamlNode> mirrors = images.get("containerd").map("containerd").get("registryMirrors").map("registryMirrors");
        assertEquals("http://10.0.0.5:8080", mirrors.get("registry.k8s.io").list("m").get(0).string("m"));
        assertEquals("http://10.0.0.5:8080", mirrors.get("10.0.0.5:8080").list("m").get(0).string("m"), "plain HTTP said for the mirror itself");

        CliRun both = CliRun.of("mirror", "env", "--kops", "1.34.0", "--public-url", "http://10.0.0.5:8080", "--registry",
                "harbor.example.cn/k8s", "--image-naming", "registry");
        assertEquals(0, both.exitCode(), both.toString());
        assertTrue(both.out().contains("fileRepository: http://10.0.0.5:8080") && both.out().contains("containerRegistry: \"harbor.example.cn/k8s\""),
                both.out());
    }

    @Test
    void registryRefusesWhatCannotWork() {
        CliRun folder = CliRun.of("mirror", "env", "--kops", "1.34.0", "--registry", "oci:./images");
        assertEquals(2, folder.exitCode());
        assertTrue(folder.err().contains("is a folder; nodes pull from a registry"), folder.toString());
        assertEquals(2, CliRun.of("mirror", "env", "--kops", "1.34.0", "--containerd-mirrors").exitCode());
        CliRun path = CliRun.of("mirror", "env", "--kops", "1.34.0", "--registry", "harbor.example.cn/k8s", "--containerd-mirrors");
        assertEquals(1, path.exitCode(), "a path cannot be a containerd mirror: " + path);
        assertTrue(path.out().contains("cannot be part of a registry mirror"), path.out());
    }
}
