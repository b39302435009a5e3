package dev.ferry.mirror.catalog;

import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Hash;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * kOps's tables of the sha256 of the files a cluster downloads ({@code pkg/assets/assetdata/*.yaml} of
 * kubernetes/kops), as Ferry carries them in {@code manifests/catalog/kops-assetdata/}: each lists
 * {@code filestores[].base} and {@code files[]} ({@code name} relative to a base, {@code sha256}). A file is
 * found by its canonical URL the way kOps finds it: a base, then a name.
 */
public final class HashTables {
    /** The index of the tables: each file with the kOps commit it was copied from. */
    static final String INDEX = "kops-assetdata/tables.yaml";
    private static final java.util.regex.Pattern SHA256 = java.util.regex.Pattern.compile("[0-9a-f]{64}");

    /**
     * One table's entry for a URL.
     *
     * @param table  the table's file name, e.g. {@code k8s-1.30.yaml}
     * @param commit the kubernetes/kops commit the table was copied from
     */
    public record Entry(Hash hash, String table, String commit) {
        /** "k8s-1.30.yaml at kOps d00e45b51936". */
        public String describe() {
            return table + " at kOps " + commit.substring(0, Math.min(12, commit.length()));
        }
    }

    private final Map<String, List<Entry>> byUrl;

    private HashTables(Map<String, List<Entry>> byUrl) {
        this.byUrl = Map.copyOf(byUrl);
    }

    /** No tables: every file's hash comes from elsewhere. */
    public static HashTables none() {
        return new HashTables(Map.of());
    }

    /**
     * Reads the index and every table it names through {@code resource} (a name under the catalog folder to
     * its text, or empty when there is no such resource).
     */
    static HashTables read(Function<String, Optional<String>> resource) {
        Optional<String> index = resource.apply(INDEX);
        if (index.isEmpty()) {
            return none();
        }
        Map<String, YamlNode> tables = Yaml.parse(index.get(), "manifests/catalog/" + INDEX)
                .mapWithKeys("the table index", Set.of("tables")).get("tables").map("tables");
        Map<String, List<Entry>> byUrl = new HashMap<>();
        for (Map.Entry<String, YamlNode> t : tables.entrySet()) {
            String name = "kops-assetdata/" + t.getKey();
            String text = resource.apply(name).orElseThrow(() -> new IllegalStateException(
                    "the table index names " + t.getKey() + ", which is missing from the build"));
            add(byUrl, text, t.getKey(), t.getValue().string("commit"));
        }
        return new HashTables(byUrl);
    }

    /** A table's bases and its files' name and sha256 hex, in order. */
    record Table(List<String> bases, List<Map.Entry<String, String>> files) {}

    private static void add(Map<String, List<Entry>> byUrl, String text, String table, String commit) {
        Table t = lines(text).orElseGet(() -> yaml(Yaml.parse(text, "manifests/catalog/kops-assetdata/" + table), table));
        for (Map.Entry<String, String> file : t.files()) {
            if (!SHA256.matcher(file.getValue()).matches()) {
                continue; // kOps's generator read a few lines of clear-signed checksum files as entries ("SHA512": "Hash:"); no file has them
            }
            for (String base : t.bases()) {
                byUrl.computeIfAbsent(base + file.getKey(), k -> new ArrayList<>()).add(new Entry(Hash.sha256(file.getValue()), table, commit));
            }
        }
    }

    /**
     * A table in the form kOps's generator writes it, read line by line ({@code - base:}, {@code - name:}, {@code sha256:},
     * comments): ten times faster than a YAML tree, for the half a megabyte plan reads each time. Empty when any line
     * takes another form; then the YAML reader reads the table, so this changes how fast a table is read, never what.
     */
    static Optional<Table> lines(String text) {
        List<String> bases = new ArrayList<>();
        List<Map.Entry<String, String>> files = new ArrayList<>();
        String name = null;
        for (String raw : text.split("\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#") || line.equals("files:") || line.equals("filestores:")) {
                continue;
            }
            int colon = line.indexOf(": ");
            String value = colon < 0 ? "" : line.substring(colon + 2).strip();
            if (value.isEmpty() || value.startsWith("\"") || value.contains(" #")) {
                return Optional.empty();
            }
            switch (line.substring(0, colon)) {
                case "- base" -> bases.add(value);
                case "- name" -> name = value;
                case "sha256" -> {
                    if (name == null) {
                        return Optional.empty();
                    }
                    files.add(Map.entry(name, value.replace("'", "")));
                    name = null;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        return name == null ? Optional.of(new Table(bases, files)) : Optional.empty();
    }

    /** A table read as YAML: {@code filestores[].base}, {@code files[].name} and {@code files[].sha256}. */
    static Table yaml(YamlNode root, String table) {
        Map<String, YamlNode> top = root.map(table);
        List<String> bases = new ArrayList<>();
        for (YamlNode store : top.get("filestores").list("filestores")) {
            bases.add(YamlNode.requireString(store, store.map("a filestore"), "base"));
        }
        List<Map.Entry<String, String>> files = new ArrayList<>();
        for (YamlNode file : top.get("files").list("files")) {
            Map<String, YamlNode> f = file.map("a file");
            files.add(Map.entry(YamlNode.requireString(file, f, "name"), YamlNode.requireString(file, f, "sha256")));
        }
        return new Table(bases, files);
    }

    /**
     * The tables' hash for exactly this URL. Two tables that give one URL different hashes make it unknown, as
     * kOps refuses them ("found multiple matches"); {@link #conflicts()} lists them for the data's own test.
     */
    public Optional<Entry> find(String url) {
        List<Entry> entries = byUrl.getOrDefault(url, List.of());
        if (entries.isEmpty() || entries.stream().map(Entry::hash).distinct().count() > 1) {
            return Optional.empty();
        }
        return Optional.of(entries.get(0));
    }

    /** The URLs two tables give different hashes. */
    public List<String> conflicts() {
        return byUrl.entrySet().stream().filter(e -> e.getValue().stream().map(Entry::hash).distinct().count() > 1)
                .map(Map.Entry::getKey).sorted().toList();
    }

    /** How many URLs the tables give a hash for. */
    public int size() {
        return byUrl.size();
    }
}
