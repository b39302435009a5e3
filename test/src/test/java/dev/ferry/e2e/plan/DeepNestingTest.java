package dev.ferry.e2e.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.e2e.support.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A lock, manifest or kops-assets file nested thousands deep is a clear exit-2 error, never a StackOverflowError. */
class DeepNestingTest {
    static final int DEPTH = 3000;

    @TempDir
    Path tmp;

    @Test
    void deeplyNestedFilesAreRefusedWithALine() throws Exception {
        String flow = "[".repeat(DEPTH) + "]".repeat(DEPTH);
        StringBuilder block = new StringBuilder("lockVersion: 1\nassets:\n");
        for (int i = 1; i <= DEPTH; i++) {
            block.append(" ".repeat(i)).append("k:\n");
        }
        Path lockFlow = write("flow.lock", "lockVersion: 1\nassets: " + flow + "\n");
        Path lockBlock = write("block.lock", block.toString());
        Path manifest = write("ferry.yaml", "clusters: " + flow + "\n");
        Path assets = write("assets.yaml", "files: " + "{a: ".repeat(DEPTH) + "1" + "}".repeat(DEPTH) + "\n");

        Map<String, List<String>> runs = Map.of(
                lockFlow + ":2:", List.of("mirror", "verify", "--lock", lockFlow.toString(), "--to", "file:" + tmp.resolve("m")),
                lockBlock + ":102:", List.of("mirror", "verify", "--lock", lockBlock.toString(), "--to", "file:" + tmp.resolve("m")),
                manifest + ":1:", List.of("mirror", "plan", "--manifest", manifest.toString()),
                assets + ":1:", List.of("mirror", "plan", "--kops", "1.30.4", "--from-kops-assets", assets.toString()));
        for (Map.Entry<String, List<String>> run : runs.entrySet()) {
            Cli.Result r = Cli.run(run.getValue());
            assertEquals(2, r.exit(), run.getValue() + "\n" + r);
            assertTrue(r.err().startsWith("error: " + run.getKey() + " nested more than 100 levels deep"), r.err());
            assertFalse(r.err().contains("StackOverflowError") || r.err().contains("\tat "), r.err());
        }
    }

    private Path write(String name, String text) throws Exception {
        return Files.writeString(tmp.resolve(name), text);
    }
}
