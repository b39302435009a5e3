package dev.ferry.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * A fast reader for plain JSON (image manifests and indexes, registry answers): objects, arrays, strings, whole
 * numbers, true, false and null, straight into the nodes the YAML parser would give. An image copy reads a
 * manifest per image and platform while the JVM is still cold, and the general parser's code is most of that
 * reading. Anything else (fractions and exponents, a raw control character or a lone surrogate in a string, a
 * byte-order mark, nesting deeper than {@link Yaml#MAX_DEPTH}, any malformed text) gives empty and the caller
 * uses the general parser, so this reader never changes what a document means or how an error reads.
 */
final class JsonReader {
    private final String text;
    private final String source;
    private int pos;
    private int line;
    private int lineStart;
    private int depth;

    private JsonReader(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** The document's root, or empty when the text is not plain JSON as this reader takes it. */
    static Optional<YamlNode> parse(String text, String source) {
        JsonReader reader = new JsonReader(text, source);
        try {
            reader.space();
            Node root = reader.value();
            reader.space();
            return reader.pos == text.length() ? Optional.of(new YamlNode(root, source)) : Optional.empty();
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    private Node value() throws Unsupported {
        if (pos >= text.length()) {
            throw new Unsupported();
        }
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> {
                Optional<Mark> at = mark();
                yield new ScalarNode(Tag.STR, true, string(), ScalarStyle.DOUBLE_QUOTED, at, Optional.empty());
            }
            case 't' -> word("true", Tag.BOOL);
            case 'f' -> word("false", Tag.BOOL);
            case 'n' -> word("null", Tag.NULL);
            default -> number();
        };
    }

    private Node object() throws Unsupported {
        Optional<Mark> at = open();
        List<NodeTuple> entries = new ArrayList<>();
        space();
        if (!take('}')) {
            do {
                space();
                if (pos >= text.length() || text.charAt(pos) != '"') {
                    throw new Unsupported();
                }
                Optional<Mark> keyAt = mark();
                Node key = new ScalarNode(Tag.STR, true, string(), ScalarStyle.DOUBLE_QUOTED, keyAt, Optional.empty());
                space();
                expect(':');
                space();
                Node value = value();
                entries.add(new NodeTuple(key, value));
                space();
            } while (take(','));
            expect('}');
        }
        depth--;
        return new MappingNode(Tag.MAP, true, entries, FlowStyle.FLOW, at, Optional.empty());
    }

    private Node array() throws Unsupported {
        Optional<Mark> at = open();
        List<Node> items = new ArrayList<>();
        space();
        if (!take(']')) {
            do {
                space();
                items.add(value());
                space();
            } while (take(','));
            expect(']');
        }
        depth--;
        return new SequenceNode(Tag.SEQ, true, items, FlowStyle.FLOW, at, Optional.empty());
    }

    /** Steps over an opening bracket; too deep a document goes to the general parser, which names the line. */
    private Optional<Mark> open() throws Unsupported {
        if (++depth > Yaml.MAX_DEPTH) {
            throw new Unsupported();
        }
        Optional<Mark> at = mark();
        pos++;
        return at;
    }

    private String string() throws Unsupported {
        pos++; // the opening quote
        int start = pos;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\') {
                return escaped(start);
            }
            if (c < 0x20 || Character.isSurrogate(c)) {
                throw new Unsupported(); // raw control characters are not JSON; surrogates are checked below
            }
            pos++;
        }
        throw new Unsupported();
    }

    /** The rest of a string that holds escapes, from {@code start} (its first character). */
    private String escaped(int start) throws Unsupported {
        StringBuilder sb = new StringBuilder().append(text, start, pos);
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c < 0x20 || Character.isSurrogate(c)) {
                throw new Unsupported();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw new Unsupported();
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    char u = hex4();
                    if (Character.isSurrogate(u)) {
                        throw new Unsupported(); // pairs and lone halves: the general parser's way
                    }
                    sb.append(u);
                }
                default -> throw new Unsupported();
            }
        }
        throw new Unsupported();
    }

    private char hex4() throws Unsupported {
        if (pos + 4 > text.length()) {
            throw new Unsupported();
        }
        int v = 0;
        for (int i = 0; i < 4; i++) {
            int d = Character.digit(text.charAt(pos++), 16);
            if (d < 0) {
                throw new Unsupported();
            }
            v = v * 16 + d;
        }
        return (char) v;
    }

    /** A whole number ({@code -?(0|[1-9][0-9]*)}); fractions and exponents go to the general parser. */
    private Node number() throws Unsupported {
        Optional<Mark> at = mark();
        int start = pos;
        if (pos < text.length() && text.charAt(pos) == '-') {
            pos++;
        }
        int digits = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            pos++;
        }
        if (pos == digits || (text.charAt(digits) == '0' && pos - digits > 1)) {
            throw new Unsupported();
        }
        if (pos < text.length() && (text.charAt(pos) == '.' || text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
            throw new Unsupported();
        }
        return new ScalarNode(Tag.INT, true, text.substring(start, pos), ScalarStyle.PLAIN, at, Optional.empty());
    }

    private Node word(String word, Tag tag) throws Unsupported {
        Optional<Mark> at = mark();
        if (!text.startsWith(word, pos)) {
            throw new Unsupported();
        }
        pos += word.length();
        return new ScalarNode(tag, true, word, ScalarStyle.PLAIN, at, Optional.empty());
    }

    /**
     * JSON's whitespace: space, tab, line feed, carriage return; lines are counted for the marks. A carriage return
     * alone is a line break to YAML, so it goes to the general parser, which counts lines that way.
     */
    private void space() throws Unsupported {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c == '\r') {
                if (pos + 1 >= text.length() || text.charAt(pos + 1) != '\n') {
                    throw new Unsupported();
                }
            } else if (c != ' ' && c != '\t') {
                return;
            }
            pos++;
        }
    }

    private boolean take(char c) {
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) throws Unsupported {
        if (!take(c)) {
            throw new Unsupported();
        }
    }

    private Optional<Mark> mark() {
        return Unsupported.mark(source, pos, line, pos - lineStart);
    }
}
