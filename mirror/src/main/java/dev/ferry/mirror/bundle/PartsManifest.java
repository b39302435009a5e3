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

/**
 * The small file beside a split bundle ({@code NAME.parts.json}): each part's name, size and sha256, so a
 * part damaged or lost in the carry is named before any byte of the bundle is trusted.
 */
public record PartsManifest(String bundle, List<Part> parts) {
    public record Part(String name, long size, Hash sha256) {}

    public PartsManifest {
        parts = List.copyOf(parts);
    }

    public long size() {
        return parts.stream().mapToLong(Part::size).sum();
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", BundleFormat.NAME + "-parts");
        m.put("version", BundleFormat.FILES_ONLY);
        m.put("bundle", bundle);
        m.put("size", size());
        List<Object> list = new ArrayList<>();
        for (Part p : parts) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", p.name());
            e.put("size", p.size());
            e.put("sha256", p.sha256().hex());
            list.add(e);
        }
        m.put("parts", list);
        return Json.write(m) + "\n";
    }

    public static PartsManifest parse(String json, String source) {
        try {
            Map<String, YamlNode> m = Yaml.parse(json, source).map("the parts manifest");
            if (!YamlNode.optString(m, "format").orElse("").equals(BundleFormat.NAME + "-parts")) {
                throw new FerryException(source + " is not a Ferry parts manifest", "give the .parts.json file written by `ferry mirror pack --split`");
            }
            long version = m.get("version").number("version");
            if (version > BundleFormat.VERSION) {
                throw new FerryException(source + " uses bundle format " + version + ", made by a newer Ferry; this Ferry reads up to format "
                        + BundleFormat.VERSION, "push it with the Ferry version that packed it, or a newer one");
            }
            List<Part> parts = new ArrayList<>();
            for (YamlNode n : m.get("parts").list("parts")) {
                Map<String, YamlNode> p = n.map("a part");
                String name = YamlNode.requireString(n, p, "name");
                if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
                    throw n.error("part name '" + name + "' is not a plain file name", null);
                }
                parts.add(new Part(name, p.get("size").number("size"), Hash.sha256(YamlNode.requireString(n, p, "sha256"))));
            }
            return new PartsManifest(YamlNode.requireString(Yaml.parse(json, source), m, "bundle"), parts);
        } catch (FerryException e) {
            throw BundleHeader.asFailure(e);
        } catch (RuntimeException e) {
            throw new FerryException(source + " is damaged: " + e.getMessage(), "copy the .parts.json file again", FerryException.FAILED, e);
        }
    }
}
