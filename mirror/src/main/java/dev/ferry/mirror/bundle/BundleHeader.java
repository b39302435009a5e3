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
import java.util.Optional;

/**
 * The first entry of a bundle: what made it, which lock it carries, every asset's size and sha256, and the
 * images with every blob's size and digest. Written before any asset so that a reader can check each entry as
 * it streams past.
 *
 * @param imageIndex the images layout's {@code index.json}, when there are images
 */
public record BundleHeader(int version, String createdBy, String created, Layout layout, long lockSize, Hash lockSha256,
                           List<BundleAsset> assets, List<BundleImage> images, List<BundleBlob> blobs, Optional<BundleBlob> imageIndex) {
    public BundleHeader {
        assets = List.copyOf(assets);
        images = List.copyOf(images);
        blobs = List.copyOf(blobs);
    }

    public long blobBytes() {
        return blobs.stream().mapToLong(BundleBlob::size).sum();
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
        if (!images.isEmpty()) {
            m.put("images", images.stream().map(BundleHeader::imageJson).toList());
            m.put("imageIndex", blobJson(imageIndex.orElseThrow()));
            m.put("blobs", blobs.stream().map(BundleHeader::blobJson).toList());
        }
        return Json.write(m) + "\n";
    }

    private static Map<String, Object> imageJson(BundleImage i) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("reference", i.reference());
        e.put("digest", i.digest());
        e.put("mediaType", i.mediaType());
        e.put("platforms", i.platforms());
        return e;
    }

    private static Map<String, Object> blobJson(BundleBlob b) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("digest", b.digest());
        e.put("size", b.size());
        return e;
    }

    private static BundleBlob blob(YamlNode n) {
        Map<String, YamlNode> b = n.map("a blob");
        return BundleBlob.of(YamlNode.requireString(n, b, "digest"), b.get("size").number("size"));
    }

    private static List<BundleImage> images(Map<String, YamlNode> m) {
        List<BundleImage> images = new ArrayList<>();
        for (YamlNode n : m.containsKey("images") ? m.get("images").list("images") : List.<YamlNode>of()) {
            Map<String, YamlNode> i = n.map("an image");
            images.add(new BundleImage(YamlNode.requireString(n, i, "reference"), YamlNode.requireString(n, i, "digest"),
                    YamlNode.requireString(n, i, "mediaType"), i.get("platforms").list("platforms").stream().map(p -> p.string("a platform")).toList()));
        }
        return images;
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
            List<BundleBlob> blobs = m.containsKey("blobs") ? m.get("blobs").list("blobs").stream().map(BundleHeader::blob).toList() : List.of();
            return new BundleHeader(version, YamlNode.optString(m, "createdBy").orElse("unknown"),
                    YamlNode.optString(m, "created").orElse(""), Layout.parse(YamlNode.optString(m, "layout").orElse("kops")),
                    lock.get("size").number("lock size"), Hash.sha256(YamlNode.requireString(m.get("lock"), lock, "sha256")), assets,
                    images(m), blobs, Optional.ofNullable(m.get("imageIndex")).map(BundleHeader::blob));
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
