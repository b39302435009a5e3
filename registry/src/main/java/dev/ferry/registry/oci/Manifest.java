package dev.ferry.registry.oci;

import dev.ferry.error.FerryException;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A manifest or an index exactly as a registry served it: the bytes (which the digest is of), the media type
 * and the digest. The bytes are never re-serialized; they are parsed only to find what they refer to.
 */
public final class Manifest {
    /** Registries accept manifests of at least this size; a larger answer is not a manifest. */
    public static final int MAX_BYTES = 4 * 1024 * 1024;

    private final byte[] bytes;
    private final String mediaType;
    private final Digest digest;
    private final List<Descriptor> children;
    private final List<Descriptor> blobs;

    private Manifest(byte[] bytes, String mediaType, Digest digest, Map<String, YamlNode> json) {
        this.bytes = bytes;
        this.mediaType = mediaType;
        this.digest = digest;
        this.children = descriptors(json, "manifests");
        List<Descriptor> refs = new ArrayList<>();
        YamlNode config = json.get("config");
        if (config != null && config.isMap()) {
            refs.add(descriptor(config));
        }
        refs.addAll(descriptors(json, "layers"));
        refs.addAll(descriptors(json, "blobs"));
        this.blobs = List.copyOf(refs);
    }

    /**
     * The manifest behind {@code bytes}; its media type is the one the JSON names, else {@code contentType}
     * (a Docker v2 manifest carries its own, an OCI one may omit it). Schema 1 is refused.
     *
     * @param where the URL or file, for messages
     */
    public static Manifest of(byte[] bytes, String contentType, String where) {
        return of(bytes, contentType, "sha256", where);
    }

    /** As {@link #of(byte[], String, String)}, the digest taken in {@code algorithm} (the one a pinned digest uses). */
    public static Manifest of(byte[] bytes, String contentType, String algorithm, String where) {
        byte[] copy = bytes.clone();
        Digest actual = Digest.of(algorithm, copy);
        Map<String, YamlNode> json = json(copy, where);
        String type = YamlNode.optString(json, "mediaType").orElse(baseType(contentType));
        if (MediaTypes.isSchema1(type) || (type.isEmpty() && YamlNode.optString(json, "schemaVersion").orElse("").equals("1"))) {
            throw new FerryException(where + " is a Docker schema 1 manifest, which has no stable digest and modern registries refuse",
                    "use a newer tag of the image (schema 2 or OCI)");
        }
        if (type.isEmpty()) {
            type = json.containsKey("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
        }
        return new Manifest(copy, type, actual, json);
    }

    private static String baseType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semi = contentType.indexOf(';');
        String t = (semi < 0 ? contentType : contentType.substring(0, semi)).trim();
        return t.equals("application/json") || t.equals("text/plain") || t.equals("application/octet-stream") ? "" : t;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public int size() {
        return bytes.length;
    }

    public String mediaType() {
        return mediaType;
    }

    public Digest digest() {
        return digest;
    }

    public boolean isIndex() {
        return MediaTypes.isIndex(mediaType) || !children.isEmpty();
    }

    /** This manifest as an entry of an index or a layout's {@code index.json}. */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest, bytes.length);
    }

    /** The manifests an index lists (each platform; nested indexes are legal); empty for an image manifest. */
    public List<Descriptor> children() {
        return children;
    }

    /** The config and layers (and an artifact's blobs) an image manifest refers to; empty for an index. */
    public List<Descriptor> blobs() {
        return blobs;
    }

    /** The platforms of an index's entries, in its order (entries without one are left out). */
    public List<Platform> platforms() {
        return children().stream().flatMap(d -> d.platform().stream()).toList();
    }

    private static List<Descriptor> descriptors(Map<String, YamlNode> json, String key) {
        YamlNode list = json.get(key);
        if (list == null || list.isNull()) {
            return List.of();
        }
        return list.list(key).stream().map(Manifest::descriptor).toList();
    }

    private static Map<String, YamlNode> json(byte[] bytes, String where) {
        YamlNode root = Yaml.parseJson(new String(bytes, StandardCharsets.UTF_8), where);
        if (!root.isMap()) {
            throw FerryException.badInput(where + ": a manifest must be a JSON object", null);
        }
        return root.map("a manifest");
    }

    private static Descriptor descriptor(YamlNode node) {
        Map<String, YamlNode> m = node.map("a descriptor");
        String type = YamlNode.optString(m, "mediaType").orElse("");
        Digest digest = Digest.parse(YamlNode.requireString(node, m, "digest"));
        long size = m.containsKey("size") ? m.get("size").number("size") : 0;
        Optional<Platform> platform = Optional.empty();
        YamlNode p = m.get("platform");
        if (p != null && p.isMap()) {
            Map<String, YamlNode> pm = p.map("platform");
            platform = Optional.of(new Platform(YamlNode.optString(pm, "os").orElse(""),
                    YamlNode.optString(pm, "architecture").orElse(""), YamlNode.optString(pm, "variant")));
        }
        List<String> urls = m.containsKey("urls") && !m.get("urls").isNull() ? m.get("urls").strings("urls") : List.of();
        return new Descriptor(type, digest, size, platform, urls);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest other && other.digest.equals(digest) && other.mediaType.equals(mediaType)
                && Arrays.equals(other.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return digest.hashCode();
    }

    @Override
    public String toString() {
        return mediaType + " " + digest + " (" + bytes.length + " bytes)";
    }
}
