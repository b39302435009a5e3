package dev.ferry.cli.mirror;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.CliRun;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanCommandTest {

    @Test
    void printsTheTableAndWritesTheLock(@TempDir Path dir) {
        Path lock = dir.resolve("ferry.lock");
        CliRun r = CliRun.of("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.30.0", "-o", lock.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("release/v1.30.0/bin/linux/amd64/kubelet"), r.out());
        assertTrue(r.out().contains("from upstream sidecar"), r.out());
        assertTrue(r.out().contains("22 files"), r.out());
        Lock written = LockFile.read(lock);
        assertEquals(22, written.assets().size());
    }

    @Test
    void jsonForPipelines() {
        CliRun r = CliRun.of("mirror", "plan", "--kops", "1.30.4", "--arch", "arm64", "--output", "json");
        assertEquals(0, r.exitCode(), r.toString());
        YamlNode json = Yaml.parse(r.out(), "stdout");
        Map<String, YamlNode> top = json.map("json");
        List<YamlNode> assets = top.get("assets").list("assets");
        assertEquals(11, assets.size());
        assertEquals("arm64", assets.get(0).map("a").get("arch").string("arch"));
        assertTrue(top.get("notes").list("notes").get(0).string("n").contains("1.30.14"), "says which Kubernetes it chose");
    }

    @Test
    void theKopsPatchReleaseAndTheKubernetesVersionChooseTheFiles() {
        CliRun cross = CliRun.of("mirror", "plan", "--kops", "1.30.4", "--kubernetes", "1.27.1", "--arch", "amd64", "--output", "json");
        assertEquals(0, cross.exitCode(), cross.toString());
        assertTrue(cross.out().contains("containerd-1.6.20-linux-amd64.tar.gz") && cross.out().contains("/v1.1.5/runc.amd64"), cross.out());

        CliRun unknown = CliRun.of("mirror", "plan", "--kops", "1.30.9", "--kubernetes", "1.30.0", "--output", "json");
        assertEquals(0, unknown.exitCode(), unknown.toString());
        List<YamlNode> notes = Yaml.parse(unknown.out(), "stdout").map("json").get("notes").list("notes");
        assertTrue(notes.stream().anyMatch(n -> n.string("note").contains("rules of kOps 1.30.4")), unknown.out());

        CliRun tooOld = CliRun.of("mirror", "plan", "--kops", "1.34.0", "--kubernetes", "1.28.0");
        assertEquals(2, tooOld.exitCode(), tooOld.toString());
        assertTrue(tooOld.err().contains("the oldest it supports is 1.29.0"), tooOld.err());
    }

    @Test
    void unknownKopsVersionExits2AndNamesTheKnownOnes() {
        CliRun r = CliRun.of("mirror", "plan", "--kops", "1.21.0");
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains("error: kOps 1.21.0 is not in Ferry's catalog"), r.err());
        assertTrue(r.err().contains("1.26, 1.27"), r.err());
        assertTrue(r.err().contains("--from-kops-assets assets.yaml") && r.err().contains("manifest"), "a jar user's way: " + r.err());
        assertFalse(r.err().contains("kops.yaml") || r.err().contains("Exception"), r.err());
    }

    @Test
    void malformedManifestExits2WithFileAndLine(@TempDir Path dir) throws Exception {
        Path m = dir.resolve("ferry.yaml");
        Files.writeString(m, "clusters:\n  - kops: 1.30.4\n    networking: weave-net\n");
        CliRun r = CliRun.of("mirror", "plan", "--manifest", m.toString());
        assertEquals(2, r.exitCode(), r.toString());
        assertTrue(r.err().contains(m + ":3:") && r.err().contains("weave-net"), r.err());
    }

    @Test
    void badUsageExits2() {
        assertEquals(2, CliRun.of("mirror", "plan").exitCode());
        assertEquals(2, CliRun.of("mirror", "plan", "--kops", "1.30.4", "--bogus").exitCode());
        assertEquals(2, CliRun.of("mirror", "plan", "--kubernetes", "1.30.0").exitCode());
    }

    @Test
    void helpHasAnExample() {
        CliRun r = CliRun.of("mirror", "plan", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Examples:") && r.out().contains("ferry mirror plan --kops"), r.out());
    }
}
