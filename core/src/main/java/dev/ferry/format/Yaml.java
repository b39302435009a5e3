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
import org.snakeyaml.engine.v2.composer.Composer;
import org.snakeyaml.engine.v2.events.CollectionEndEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/** Reads YAML and JSON (YAML 1.2 is a superset of JSON) into {@link YamlNode}s with line numbers. */
public final class Yaml {
    /**
     * Ferry's files (locks, manifests, {@code kops get assets} output) nest a few levels; the composer
     * recurses once per level, so a hostile file nested thousands deep would end in a StackOverflowError.
     */
    public static final int MAX_DEPTH = 100;

    private Yaml() {}

    public static YamlNode parse(String text, String source) {
        LoadSettings settings = LoadSettings.builder().setLabel(source).setAllowDuplicateKeys(true)
                .setCodePointLimit(64 * 1024 * 1024).build();
        try {
            Parser events = new DepthLimit(new ParserImpl(settings, new StreamReader(settings, text)), source);
            Optional<Node> node = new Composer(settings, events).getSingleNode();
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

    /** Passes events through, refusing (exit 2, with the line) a collection nested deeper than {@link #MAX_DEPTH}. */
    private static final class DepthLimit implements Parser {
        private final Parser parser;
        private final String source;
        private int depth;

        DepthLimit(Parser parser, String source) {
            this.parser = parser;
            this.source = source;
        }

        @Override
        public boolean checkEvent(Event.ID id) {
            return parser.checkEvent(id);
        }

        @Override
        public Event peekEvent() {
            return parser.peekEvent();
        }

        @Override
        public boolean hasNext() {
            return parser.hasNext();
        }

        @Override
        public Event next() {
            Event e = parser.next();
            if (e instanceof CollectionStartEvent && ++depth > MAX_DEPTH) {
                int line = e.getStartMark().map(m -> m.getLine() + 1).orElse(0);
                throw FerryException.badInput(source + ":" + line + ": nested more than " + MAX_DEPTH + " levels deep",
                        "this is not a Ferry file (locks, manifests and kops assets files nest a few levels); check what was given");
            }
            if (e instanceof CollectionEndEvent) {
                depth--;
            }
            return e;
        }
    }

    /**
     * Parses JSON: plain JSON through {@link JsonReader}, anything else through the YAML parser, which gives the
     * same nodes and says what is wrong. YAML 1.2 reads JSON except for tab indentation (Docker writes config.json
     * with tabs, some registries serve tab-indented manifests); a raw tab in valid JSON can only be whitespace, so
     * for that parser tabs are read as spaces.
     */
    public static YamlNode parseJson(String text, String source) {
        return JsonReader.parse(text, source).orElseGet(() -> parse(text.replace('\t', ' '), source));
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

    /**
     * A piece of a file Ferry wrote itself, starting at line {@code firstLine} of {@code source}, read by the
     * fast reader alone: empty when the piece steps outside its subset (the caller then reads the whole file).
     */
    public static Optional<YamlNode> parseGeneratedPart(String text, String source, int firstLine) {
        return BlockYaml.parse(text, source, firstLine);
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
