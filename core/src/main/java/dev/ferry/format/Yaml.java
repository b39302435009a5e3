package dev.ferry.format;

import dev.ferry.error.FerryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;

/** Reads YAML and JSON (YAML 1.2 is a superset of JSON) into {@link YamlNode}s with line numbers. */
public final class Yaml {
    private Yaml() {}

    public static YamlNode parse(String text, String source) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(true)
                .setCodePointLimit(64 * 1024 * 1024).build();
        try {
            Optional<Node> node = new Compose(settings).composeString(text);
            return new YamlNode(node.orElseThrow(() -> FerryException.badInput(source + ": the file is empty", null)), source);
        } catch (MarkedYamlEngineException e) {
            int line = e.getProblemMark().map(m -> m.getLine() + 1).orElse(0);
            String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
            throw FerryException.badInput(source + ":" + line + ": not valid YAML: " + problem,
                    "check the indentation and quoting near that line");
        } catch (YamlEngineException e) {
            throw FerryException.badInput(source + ": not valid YAML: " + e.getMessage(), null);
        }
    }

    /**
     * Parses JSON. YAML 1.2 reads JSON except for tab indentation (Docker writes config.json with tabs, some
     * registries serve tab-indented manifests); a raw tab in valid JSON can only be whitespace, so tabs are read
     * as spaces.
     */
    public static YamlNode parseJson(String text, String source) {
        return parse(text.replace('\t', ' '), source);
    }

    /** {@link #parseJson} of a file. */
    public static YamlNode readJson(Path file) {
        return parseJson(text(file), file.toString());
    }

    public static YamlNode read(Path file) {
        return parse(text(file), file.toString());
    }

    /**
     * Parses a file Ferry wrote itself (a lock) through a fast reader for plain block YAML, and
     * through the full parser whenever the text steps outside that subset (a hand edit, say).
     * Either way the result, and every error's file and line, are the same.
     */
    public static YamlNode parseGenerated(String text, String source) {
        return BlockYaml.parse(text, source).orElseGet(() -> parse(text, source));
    }

    public static YamlNode readGenerated(Path file) {
        return parseGenerated(text(file), file.toString());
    }

    private static String text(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw FerryException.badInput("no such file: " + file, "check the path");
        } catch (java.nio.charset.MalformedInputException e) {
            throw FerryException.badInput(file + ": not UTF-8 text", null);
        } catch (IOException e) {
            throw new FerryException("cannot read " + file + ": " + e.getMessage(), null, FerryException.BAD_USAGE, e);
        } catch (UncheckedIOException e) {
            throw new FerryException("cannot read " + file + ": " + e.getMessage(), null, FerryException.BAD_USAGE, e);
        }
    }
}
