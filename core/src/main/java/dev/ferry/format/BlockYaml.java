package dev.ferry.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
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
 * A fast reader for the plain block YAML that Ferry writes itself (locks): block mappings and
 * sequences by indentation, plain or JSON-quoted scalars, one-line lists of plain scalars. A cold JVM
 * reads a 1,000-asset lock several times faster this way than through the general parser, which is
 * most of a no-op re-sync. Anything outside that subset (a hand edit with flow maps, comments after a
 * value, tabs, anchors, block scalars…) gives empty, and the caller uses {@link Yaml#parse}, so the
 * subset never changes what a file means, only how fast it is read.
 */
final class BlockYaml {
    /** What {@code LockFile} writes unquoted (names, URLs, sizes, hex hashes); everything else it quotes. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._/:@+~-]*|[0-9]{1,18}|[0-9a-f]{32,128}");
    private static final Pattern KEY = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    private record Line(int number, int indent, String text) {}


    private final String source;
    private final List<Line> lines = new ArrayList<>();
    private int next;
    private int depth;

    private BlockYaml(String source) {
        this.source = source;
    }

    /** The document's root, or empty when the text is not in the subset this reader handles. */
    static Optional<YamlNode> parse(String text, String source) {
        return parse(text, source, 1);
    }

    /** The same for a piece of a file whose first line is line {@code firstLine} of {@code source}. */
    static Optional<YamlNode> parse(String text, String source, int firstLine) {
        BlockYaml reader = new BlockYaml(source);
        try {
            reader.split(text, firstLine - 1);
            if (reader.lines.isEmpty() || reader.lines.get(0).indent() != 0) {
                return Optional.empty();
            }
            Node root = reader.block(0);
            if (reader.next != reader.lines.size()) {
                return Optional.empty();
            }
            return Optional.of(new YamlNode(root, source));
        } catch (Unsupported e) {
            return Optional.empty();
        }
    }

    private void split(String text, int linesBefore) throws Unsupported {
        int number = linesBefore;
        int start = 0;
        while (start <= text.length()) {
            int end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            String raw = text.substring(start, end);
            start = end + 1;
            number++;
            if (raw.indexOf('\t') >= 0 || raw.indexOf('\r') >= 0) {
                throw new Unsupported();
            }
            int indent = 0;
            while (indent < raw.length() && raw.charAt(indent) == ' ') {
                indent++;
            }
            String body = raw.substring(indent);
            if (body.isEmpty() || body.startsWith("#")) {
                continue;
            }
            if (body.startsWith("%") || body.startsWith("---") || body.startsWith("...")) {
                throw new Unsupported();
            }
            lines.add(new Line(number, indent, body));
            if (end == text.length()) {
                break;
            }
        }
    }

    private Node block(int indent) throws Unsupported {
        Line first = lines.get(next);
        if (first.indent() != indent || ++depth > Yaml.MAX_DEPTH) {
            throw new Unsupported(); // too deep: the full parser says so, with the line
        }
        try {
            return isItem(first) ? sequence(indent) : mapping(indent);
        } finally {
            depth--;
        }
    }

    private static boolean isItem(Line line) {
        return line.text().startsWith("- ");
    }

    private Node sequence(int indent) throws Unsupported {
        Line first = lines.get(next);
        List<Node> items = new ArrayList<>();
        while (next < lines.size() && lines.get(next).indent() == indent && isItem(lines.get(next))) {
            Line item = lines.get(next);
            String rest = item.text().substring(2);
            int pad = 0;
            while (pad < rest.length() && rest.charAt(pad) == ' ') {
                pad++;
            }
            rest = rest.substring(pad);
            if (keyOf(rest).isPresent()) {
                // "- key: value": a mapping whose keys line up two columns (plus padding) further in.
                lines.set(next, new Line(item.number(), indent + 2 + pad, rest));
                items.add(mapping(indent + 2 + pad));
            } else {
                next++;
                items.add(value(rest, item, indent + 2 + pad));
            }
        }
        return new SequenceNode(Tag.SEQ, true, items, FlowStyle.BLOCK, mark(first, indent), Optional.empty());
    }

    private Node mapping(int indent) throws Unsupported {
        Line first = lines.get(next);
        List<NodeTuple> entries = new ArrayList<>();
        while (next < lines.size() && lines.get(next).indent() == indent && !isItem(lines.get(next))) {
            Line line = lines.get(next);
            String key = keyOf(line.text()).orElseThrow(Unsupported::new);
            String rest = line.text().substring(key.length() + 1);
            next++;
            Node keyNode = new ScalarNode(Tag.STR, true, key, ScalarStyle.PLAIN, mark(line, indent), Optional.empty());
            Node value;
            if (rest.isEmpty()) {
                if (next < lines.size() && lines.get(next).indent() > indent) {
                    value = block(lines.get(next).indent());
                } else if (next < lines.size() && lines.get(next).indent() == indent && isItem(lines.get(next))) {
                    value = sequence(indent); // "key:" followed by "- item" at the same indentation
                } else {
                    value = new ScalarNode(Tag.NULL, true, "", ScalarStyle.PLAIN, mark(line, indent), Optional.empty());
                }
            } else if (rest.startsWith(" ")) {
                String text = rest.substring(1);
                if (text.startsWith(" ")) {
                    throw new Unsupported();
                }
                value = value(text, line, indent + key.length() + 2);
            } else {
                throw new Unsupported();
            }
            entries.add(new NodeTuple(keyNode, value));
        }
        if (next < lines.size() && lines.get(next).indent() > indent) {
            throw new Unsupported(); // indentation this reader does not follow
        }
        return new MappingNode(Tag.MAP, true, entries, FlowStyle.BLOCK, mark(first, indent), Optional.empty());
    }

    /** "key:" or "key: …" with a plain key; empty otherwise. */
    private static Optional<String> keyOf(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || (colon + 1 < text.length() && text.charAt(colon + 1) != ' ')) {
            return Optional.empty();
        }
        String key = text.substring(0, colon);
        return KEY.matcher(key).matches() ? Optional.of(key) : Optional.empty();
    }

    private Node value(String text, Line line, int column) throws Unsupported {
        Optional<Mark> at = mark(line, column);
        if (text.startsWith("\"")) {
            return new ScalarNode(Tag.STR, true, quoted(text), ScalarStyle.DOUBLE_QUOTED, at, Optional.empty());
        }
        if (text.startsWith("[")) {
            if (!text.endsWith("]")) {
                throw new Unsupported();
            }
            String inner = text.substring(1, text.length() - 1).trim();
            List<Node> items = new ArrayList<>();
            if (!inner.isEmpty()) {
                for (String part : inner.split(",", -1)) {
                    items.add(new ScalarNode(Tag.STR, true, plain(part.trim()), ScalarStyle.PLAIN, at, Optional.empty()));
                }
            }
            return new SequenceNode(Tag.SEQ, true, items, FlowStyle.FLOW, at, Optional.empty());
        }
        return new ScalarNode(Tag.STR, true, plain(text), ScalarStyle.PLAIN, at, Optional.empty());
    }

    private static String plain(String text) throws Unsupported {
        if (!PLAIN.matcher(text).matches()) {
            throw new Unsupported();
        }
        switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "false", "null", "yes", "no", "on", "off", "y", "n" -> throw new Unsupported();
            default -> {
                return text;
            }
        }
    }

    /** A JSON string that must fill the rest of the line (YAML's double-quoted style reads it the same). */
    private static String quoted(String text) throws Unsupported {
        StringBuilder sb = new StringBuilder();
        int i = 1;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c == '"') {
                if (i != text.length()) {
                    throw new Unsupported();
                }
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (i >= text.length()) {
                throw new Unsupported();
            }
            char e = text.charAt(i++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 4 > text.length()) {
                        throw new Unsupported();
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(i, i + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw new Unsupported();
                    }
                    i += 4;
                }
                default -> throw new Unsupported();
            }
        }
        throw new Unsupported();
    }

    private Optional<Mark> mark(Line line, int column) {
        return Unsupported.mark(source, 0, line.number() - 1, column);
    }
}
