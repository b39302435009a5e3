package dev.ferry.bootstrap.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Assumptions;

/**
 * Reads cloud-configs with PyYAML, the YAML 1.1 reader cloud-init itself uses (it breaks lines at U+0085,
 * U+2028 and U+2029; snakeyaml-engine, YAML 1.2, does not). Skips visibly when python3 or its yaml module is absent.
 */
final class PyYaml {
    private static final String SCRIPT = String.join("\n",
            "import sys, yaml",
            "for f in sys.argv[1:]:",
            "    with open(f, encoding='utf-8') as h:",
            "        d = yaml.safe_load(h.read())",
            "    print(f + '\\t' + ','.join(sorted(d.keys())))");

    private PyYaml() {}

    /** One python3 run over all files: each must have exactly {@code keys} at the top level. */
    static void assertTopLevelKeys(Path dir, List<Path> files, Set<String> keys) throws IOException, InterruptedException {
        ScriptTools.assumeTool("python3", "python3-yaml");
        ScriptTools.Result probe = ScriptTools.run(dir, Map.of(), "python3", "-c", "import yaml");
        if (probe.exit() != 0) {
            System.err.println("SKIPPED: python3 has no yaml module (apt-get install -y python3-yaml)");
        }
        Assumptions.assumeTrue(probe.exit() == 0, "python3 has no yaml module (apt-get install -y python3-yaml): test skipped");
        List<String> command = new ArrayList<>(List.of("python3", "-c", SCRIPT));
        files.forEach(f -> command.add(f.toString()));
        ScriptTools.Result r = ScriptTools.run(dir, Map.of(), command.toArray(String[]::new));
        assertEquals(0, r.exit(), r.output());
        String want = String.join(",", new TreeSet<>(keys));
        List<String> lines = r.output().lines().toList();
        assertEquals(files.size(), lines.size(), r.output());
        for (String line : lines) {
            assertEquals(want, line.substring(line.indexOf('\t') + 1), "PyYAML reads other top-level keys in " + line);
        }
    }
}
