package dev.ferry.mirror.bundle;

import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Hash;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The last entry of a bundle: the size and sha256 of every entry before it, in order. */
public record BundleIndex(List<Entry> entries) {
    public record Entry(String name, long size, Hash sha256) {}

    public BundleIndex {
        entries = List.copyOf(entries);
    }

    public String toJson() {
        List<Object> list = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", e.name());
            m.put("size", e.size());
            m.put("sha256", e.sha256().hex());
            list.add(m);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("entries", list);
        return Json.write(m) + "\n";
    }

    public static BundleIndex parse(String json, String source) {
        try {
            List<Entry> entries = new ArrayList<>();
            for (YamlNode n : Yaml.parse(json, source).map("the index").get("entries").list("entries")) {
                Map<String, YamlNode> m = n.map("an index entry");
                entries.add(new Entry(YamlNode.requireString(n, m, "name"), m.get("size").number("size"),
                        Hash.sha256(YamlNode.requireString(n, m, "sha256"))));
            }
            return new BundleIndex(entries);
        } catch (FerryException e) {
            throw BundleHeader.asFailure(e);
        } catch (RuntimeException e) {
            throw new FerryException(source + " is damaged: " + e.getMessage(), "pack the bundle again", FerryException.FAILED, e);
        }
    }
}
