package dev.ferry.format;

import dev.ferry.error.FerryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A parsed YAML (or JSON) node that remembers its file and line, so every complaint about a
 * human-written file can say exactly where the problem is.
 */
public final class YamlNode {
    private final Node node;
    private final String source;

    YamlNode(Node node, String source) {
        this.node = node;
        this.source = source;
    }

    /** 1-based line of this node in its file. */
    public int line() {
        return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    /** "file:line" for messages. */
    public String where() {
        return source + ":" + line();
    }

    public String source() {
        return source;
    }

    /** An exit-2 error that points at this node. */
    public FerryException error(String problem, String hint) {
        return FerryException.badInput(where() + ": " + problem, hint);
    }

    public boolean isMap() {
        return node instanceof MappingNode;
    }

    public boolean isList() {
        return node instanceof SequenceNode;
    }

    public boolean isScalar() {
        return node instanceof ScalarNode;
    }

    /** The entries of a mapping, in file order; keys must be scalars. */
    public Map<String, YamlNode> map(String what) {
        if (!(node instanceof MappingNode m)) {
            throw error(what + " must be a mapping (key: value)", null);
        }
        Map<String, YamlNode> out = new LinkedHashMap<>();
        for (NodeTuple t : m.getValue()) {
            YamlNode k = new YamlNode(t.getKeyNode(), source);
            String key = k.string("a key");
            if (out.put(key, new YamlNode(t.getValueNode(), source)) != null) {
                throw k.error("'" + key + "' appears twice", "keep one");
            }
        }
        return out;
    }

    /** Refuses keys outside {@code allowed}: a typo in a manifest should not be silently ignored. */
    public Map<String, YamlNode> mapWithKeys(String what, Set<String> allowed) {
        Map<String, YamlNode> m = map(what);
        for (Map.Entry<String, YamlNode> e : m.entrySet()) {
            if (!allowed.contains(e.getKey())) {
                throw e.getValue().error("unknown key '" + e.getKey() + "' in " + what,
                        "known keys: " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
        return m;
    }

    public List<YamlNode> list(String what) {
        if (!(node instanceof SequenceNode s)) {
            throw error(what + " must be a list", null);
        }
        List<YamlNode> out = new ArrayList<>();
        for (Node n : s.getValue()) {
            out.add(new YamlNode(n, source));
        }
        return out;
    }

    /** A scalar's text; numbers keep their written form ("1.30" stays "1.30"). */
    public String string(String what) {
        if (!(node instanceof ScalarNode s)) {
            throw error(what + " must be a single value", null);
        }
        return s.getValue();
    }

    /** A scalar, or a list of scalars, or a comma-separated scalar, as a list of strings. */
    public List<String> strings(String what) {
        List<String> out = new ArrayList<>();
        if (node instanceof SequenceNode) {
            for (YamlNode n : list(what)) {
                out.add(n.string(what + " entry").trim());
            }
        } else {
            for (String part : string(what).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    public boolean bool(String what) {
        String s = string(what).trim().toLowerCase(java.util.Locale.ROOT);
        return switch (s) {
            case "true", "yes", "on" -> true;
            case "false", "no", "off" -> false;
            default -> throw error(what + " must be true or false, not '" + s + "'", null);
        };
    }

    public long number(String what) {
        try {
            return Long.parseLong(string(what).trim());
        } catch (NumberFormatException e) {
            throw error(what + " must be a whole number", null);
        }
    }

    /** Helpers for optional fields of a mapping. */
    public static Optional<String> optString(Map<String, YamlNode> m, String key) {
        YamlNode n = m.get(key);
        if (n == null || (n.isScalar() && n.isNull())) {
            return Optional.empty();
        }
        return Optional.of(n.string(key));
    }

    public static String requireString(YamlNode parent, Map<String, YamlNode> m, String key) {
        return optString(m, key).orElseThrow(() -> parent.error("missing '" + key + "'", null));
    }

    public boolean isNull() {
        return node instanceof ScalarNode s && (s.getTag().getValue().endsWith(":null"));
    }
}
