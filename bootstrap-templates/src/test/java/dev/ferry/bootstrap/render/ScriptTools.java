package dev.ferry.bootstrap.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/** Runs shellcheck, cloud-init and bash on rendered user-data; skips visibly when a tool is absent. */
final class ScriptTools {
    private ScriptTools() {}

    record Result(int exit, String output) {}

    static boolean onPath(String tool) {
        return find(tool) != null;
    }

    /** The tool's full path on PATH. */
    static String which(String tool) {
        Path p = find(tool);
        if (p == null) {
            throw new IllegalStateException(tool + " is not on PATH");
        }
        return p.toString();
    }

    private static Path find(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return Path.of(dir, tool);
            }
        }
        return null;
    }

    static void assumeTool(String tool, String aptPackage) {
        boolean present = onPath(tool);
        if (!present) {
            System.err.println("SKIPPED: " + tool + " is not installed (apt-get install -y " + aptPackage + ")");
        }
        Assumptions.assumeTrue(present, tool + " is not installed (apt-get install -y " + aptPackage + "): test skipped");
    }

    static Result run(Path dir, Map<String, String> env, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + String.join(" ", command));
        }
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** shellcheck with every severity; the script must be clean. */
    static void shellcheck(Path dir, String script) throws IOException, InterruptedException {
        shellcheck(dir, List.of(script));
    }

    /** One shellcheck run over several scripts (its start-up dominates on a small machine). */
    static void shellcheck(Path dir, List<String> scripts) throws IOException, InterruptedException {
        assumeTool("shellcheck", "shellcheck");
        List<String> command = new ArrayList<>(List.of("shellcheck", "--shell=bash", "--severity=style"));
        for (int i = 0; i < scripts.size(); i++) {
            Path f = dir.resolve("user-data-" + i + ".sh");
            Files.writeString(f, scripts.get(i));
            command.add(f.toString());
        }
        Result r = run(dir, Map.of(), command.toArray(String[]::new));
        assertEquals(0, r.exit(), "shellcheck findings:\n" + r.output());
    }

    /** cloud-init's own offline schema check. */
    static void cloudInitSchema(Path dir, String cloudConfig) throws IOException, InterruptedException {
        assumeTool("cloud-init", "cloud-init");
        Path f = dir.resolve("user-data.yaml");
        Files.writeString(f, cloudConfig);
        Result r = run(dir, Map.of(), "cloud-init", "schema", "--config-file", f.toString());
        assertEquals(0, r.exit(), "cloud-init schema:\n" + r.output());
    }
}
