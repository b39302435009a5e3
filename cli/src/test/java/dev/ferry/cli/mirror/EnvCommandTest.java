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
        assertEquals(2, CliRun.of("mirror", "env", "--kops", "1.30.4").exitCode());
        CliRun r = CliRun.of("mirror", "env", "--public-url", CN);
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("give --lock ferry.lock, or --kops VERSION"), r.toString());
    }
}
