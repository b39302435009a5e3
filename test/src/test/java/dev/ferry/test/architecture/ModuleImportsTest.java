package dev.ferry.test.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The modules and what each may import, as docs/architecture.md states them: dependencies point one way,
 * {@code cli → imagebuilder, vpc, bootstrap-templates → mirror, registry → core}. Maven enforces the module
 * graph; this test keeps packages honest inside it (nothing in mirror knows EC2, templates or the CLI).
 */
class ModuleImportsTest {
    private static final Pattern IMPORT = Pattern.compile("^import (?:static )?dev\\.ferry\\.([a-z]+)", Pattern.MULTILINE);

    /** Module → the top-level dev.ferry packages its main code may import (its own included). */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "core", Set.of("error", "format", "http", "retry", "progress", "concurrent", "shell", "aws"),
            "mirror", Set.of("error", "format", "http", "retry", "progress", "concurrent", "shell", "aws", "mirror"),
            "registry", Set.of("error", "format", "http", "retry", "progress", "concurrent", "shell", "aws", "registry"),
            "bootstrap-templates", Set.of("error", "format", "http", "retry", "progress", "concurrent", "shell", "aws", "mirror", "bootstrap"),
            "imagebuilder", Set.of("error", "format", "http", "retry", "progress", "concurrent", "shell", "aws", "mirror", "bootstrap", "image"),
            "vpc", Set.of("error", "format", "http", "retry", "progress", "concurrent", "shell", "aws", "mirror", "bootstrap", "vpc"));

    @Test
    void everyModuleImportsOnlyWhatItMay() throws IOException {
        Path root = Path.of(System.getProperty("ferry.root.dir", ".."));
        List<String> wrong = new ArrayList<>();
        int files = 0;
        for (Map.Entry<String, Set<String>> m : ALLOWED.entrySet()) {
            Path src = root.resolve(m.getKey()).resolve("src/main/java");
            assertTrue(Files.isDirectory(src), "no sources at " + src);
            try (Stream<Path> walk = Files.walk(src)) {
                for (Path f : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
                    files++;
                    Matcher im = IMPORT.matcher(read(f));
                    while (im.find()) {
                        if (!m.getValue().contains(im.group(1))) {
                            wrong.add(m.getKey() + ": " + root.relativize(f) + " imports dev.ferry." + im.group(1));
                        }
                    }
                }
            }
        }
        assertTrue(files > 100, "read the sources: " + files + " files");
        assertEquals(List.of(), wrong);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
