package dev.ferry.mirror.bundle;

import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.layout.Layout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The first entry of a bundle: what made it, which lock it carries, and every asset's size and sha256.
 * Written before any asset so that a reader can check each asset as it streams past.
 */
public record BundleHeader(int version, String createdBy, String created, Layout layout, long lockSize, Hash lockSha256,
                           List<BundleAsset> assets) {
    public BundleHeader {
        assets = List.copyOf(assets);
    }

    public long assetBytes() {
        return assets.stream().mapToLong(BundleAsset::size).sum();
    }

    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", BundleFormat.NAME);
        m.put("version", version);
        m.put("createdBy", createdBy);
        m.put("created", created);
        m.put("layout", layout.id());
        m.put("lock", Map.of("size", lockSize, "sha256", lockSha256.hex()));
        List<Object> list = new ArrayList<>();
        for (BundleAsset a : assets) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("key", a.key());
            e.put("size", a.size());
            e.put("sha256", a.sha256().hex());
            e.put("hashFrom", a.hashFrom());
            list.add(e);
        }
        m.put("assets", list);
        return Json.write(m) + "\n";
    }

    /**
     * Parses a header; refuses something that is not a Ferry bundle, or one from a newer Ferry, before
     * reading anything else.
     */
    public static BundleHeader parse(String json, String source) {
        try {
            Map<String, YamlNode> m = Yaml.parse(json, source).map("the bundle header");
            String format = YamlNode.optString(m, "format").orElse("");
            if (!format.equals(BundleFormat.NAME)) {
                throw new FerryException(source + " is not a Ferry bundle header (format '" + format + "')",
                        "give a file made by `ferry mirror pack`");
            }
            int version = (int) m.get("version").number("version");
            if (version > BundleFormat.VERSION) {
                throw new FerryException("this bundle uses bundle format " + version + ", made by a newer Ferry ("
                        + YamlNode.optString(m, "createdBy").orElse("unknown") + "); this Ferry reads up to format "
                        + BundleFormat.VERSION, "push it with the Ferry version that packed it, or a newer one");
            }
            Map<String, YamlNode> lock = m.get("lock").map("lock");
            List<BundleAsset> assets = new ArrayList<>();
            for (YamlNode n : m.get("assets").list("assets")) {
                Map<String, YamlNode> a = n.map("an asset");
                assets.add(new BundleAsset(YamlNode.requireString(n, a, "key"), a.get("size").number("size"),
                        Hash.sha256(YamlNode.requireString(n, a, "sha256")), YamlNode.optString(a, "hashFrom").orElse("unknown")));
            }
            return new BundleHeader(version, YamlNode.optString(m, "createdBy").orElse("unknown"),
                    YamlNode.optString(m, "created").orElse(""), Layout.parse(YamlNode.optString(m, "layout").orElse("kops")),
                    lock.get("size").number("lock size"), Hash.sha256(YamlNode.requireString(m.get("lock"), lock, "sha256")), assets);
        } catch (FerryException e) {
            throw asFailure(e);
        } catch (RuntimeException e) {
            throw new FerryException(source + " is damaged: " + e.getMessage(), "pack the bundle again", FerryException.FAILED, e);
        }
    }

    /** A damaged bundle is a failed run (exit 1), not bad usage. */
    static FerryException asFailure(FerryException e) {
        if (e.exitCode() == FerryException.FAILED) {
            return e;
        }
        return new FerryException(e.getMessage(), e.hint().orElse("pack the bundle again"), FerryException.FAILED, e);
    }
}
