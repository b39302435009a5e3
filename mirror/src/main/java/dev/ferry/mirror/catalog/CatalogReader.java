package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.mirror.asset.Signer;
import dev.ferry.mirror.catalog.Catalog.AssetRule;
import dev.ferry.mirror.catalog.Catalog.Condition;
import dev.ferry.mirror.catalog.Catalog.HashSpec;
import dev.ferry.mirror.catalog.Catalog.ImageRule;
import dev.ferry.mirror.catalog.Catalog.SignatureRule;
import dev.ferry.mirror.catalog.Catalog.ValueRule;
import dev.ferry.mirror.layout.KeyRules;
import dev.ferry.mirror.layout.Layout;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads the catalog file (manifests/catalog/kops.yaml) into rules, refusing unknown keys with their line. */
final class CatalogReader {
    private static final Set<String> WHEN_KEYS = Set.of("kops", "kubernetes", "option", "arch", "networking", "networkingNot", "dns");

    private CatalogReader() {}

    static Catalog read(String text, String source) {
        YamlNode root = Yaml.parse(text, source);
        Map<String, YamlNode> top = root.mapWithKeys("the catalog", Set.of("format", "lines", "values", "assets", "keys", "images"));
        long format = top.containsKey("format") ? top.get("format").number("format") : 1;
        if (format != 1) {
            throw root.error("catalog format " + format + " is newer than this Ferry understands", "upgrade Ferry");
        }
        List<ReleaseLine> lines = new ArrayList<>();
        for (YamlNode n : top.get("lines").list("lines")) {
            lines.add(line(n));
        }
        Map<String, List<ValueRule>> values = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : top.get("values").map("values").entrySet()) {
            List<ValueRule> rules = new ArrayList<>();
            for (YamlNode n : e.getValue().list(e.getKey())) {
                Map<String, YamlNode> m = n.mapWithKeys("a value rule", Set.of("kops", "kubernetes", "value", "read", "unconfirmed"));
                rules.add(new ValueRule(range(m, "kops"), range(m, "kubernetes"), YamlNode.requireString(n, m, "value"), Origin.of(n, m)));
            }
            values.put(e.getKey(), rules);
        }
        List<AssetRule> assets = new ArrayList<>();
        for (YamlNode n : top.get("assets").list("assets")) {
            assets.add(assetRule(n, values.keySet()));
        }
        List<ImageRule> images = new ArrayList<>();
        if (top.containsKey("images")) {
            for (YamlNode n : top.get("images").list("images")) {
                images.add(imageRule(n, values.keySet()));
            }
        }
        return new Catalog(lines, values, assets, keyRules(top), HashTables.none(), images);
    }

    private static ReleaseLine line(YamlNode n) {
        Map<String, YamlNode> m = n.mapWithKeys("a line", Set.of("kops", "releases", "next", "kubernetes", "layout", "read", "unconfirmed"));
        Version kops = Version.parse(YamlNode.requireString(n, m, "kops"), n.where() + " kops");
        List<Version> releases = new ArrayList<>();
        if (m.containsKey("releases")) {
            for (String r : m.get("releases").strings("releases")) {
                releases.add(release(r, kops, n));
            }
        }
        Optional<ReleaseLine.Next> next = Optional.empty();
        if (m.containsKey("next")) {
            YamlNode nn = m.get("next");
            Map<String, YamlNode> nm = nn.mapWithKeys("next", Set.of("kops", "read"));
            next = Optional.of(new ReleaseLine.Next(release(YamlNode.requireString(nn, nm, "kops"), kops, nn),
                    YamlNode.requireString(nn, nm, "read")));
        }
        return new ReleaseLine(kops, releases, next, Version.parse(YamlNode.requireString(n, m, "kubernetes"), n.where() + " kubernetes"),
                Origin.of(n, m), Layout.parse(YamlNode.optString(m, "layout").orElse("kops")));
    }

    private static Version release(String text, Version line, YamlNode where) {
        Version v = Version.parse(text, where.where() + " release");
        if (v.isLine() || !v.line().equals(line.line())) {
            throw where.error("release " + text + " is not a release of kOps " + line, "list releases like " + line + ".0");
        }
        return v;
    }

    private static AssetRule assetRule(YamlNode n, Set<String> valueNames) {
        Map<String, YamlNode> m = n.mapWithKeys("an asset",
                Set.of("kind", "version", "url", "each", "when", "hash", "sources", "legacyKey", "signedBy", "read", "unconfirmed"));
        Condition when = m.containsKey("when") ? condition(m.get("when"), valueNames) : Condition.ALWAYS;
        List<String> each = m.containsKey("each") ? m.get("each").strings("each") : List.of("");
        List<String> sources = m.containsKey("sources") ? m.get("sources").strings("sources") : List.of();
        return new AssetRule(new AssetKind(YamlNode.requireString(n, m, "kind")), YamlNode.optString(m, "version").orElse(""),
                YamlNode.requireString(n, m, "url"), each, when, hash(m), sources, YamlNode.optString(m, "legacyKey"),
                m.containsKey("signedBy") ? Optional.of(signedBy(m.get("signedBy"), valueNames)) : Optional.empty(), Origin.of(n, m), n.where());
    }

    /**
     * {@code signedBy}: a keyring Ferry ships ({@code keyring: runc}) or a sigstore identity, the signature files as URL
     * templates, an optional {@code when}, and {@code read}: where upstream says it signs so.
     */
    private static SignatureRule signedBy(YamlNode node, Set<String> valueNames) {
        Map<String, YamlNode> m = node.mapWithKeys("signedBy",
                Set.of("keyring", "sigstore", "detached", "certificate", "checksums", "checksumsSignature", "when", "read"));
        YamlNode.requireString(node, m, "read");
        Optional<String> keyring = YamlNode.optString(m, "keyring");
        Optional<String> sigstore = YamlNode.optString(m, "sigstore");
        if (keyring.isPresent() == sigstore.isPresent()) {
            throw node.error("signedBy needs exactly one of keyring (a keyring Ferry ships) or sigstore (a signer Ferry knows)", null);
        }
        Signer signer = keyring.<Signer>map(Signer.BuiltInKeyring::new).orElseGet(() -> new Signer.Sigstore(sigstore.get()));
        Condition when = m.containsKey("when") ? condition(m.get("when"), valueNames) : Condition.ALWAYS;
        return new SignatureRule(when, signer, YamlNode.optString(m, "detached"), YamlNode.optString(m, "certificate"),
                YamlNode.optString(m, "checksums"), YamlNode.optString(m, "checksumsSignature"));
    }

    /**
     * An image rule: {@code image} or {@code images} (references as kOps writes them, with {kops}, {kubernetes}
     * and value names), an optional {@code kind}, and {@code when} without {@code arch}: every platform is pulled.
     */
    private static ImageRule imageRule(YamlNode n, Set<String> valueNames) {
        Map<String, YamlNode> m = n.mapWithKeys("an image rule", Set.of("kind", "image", "images", "when", "read", "unconfirmed"));
        if (m.containsKey("image") == m.containsKey("images")) {
            throw n.error("give either 'image' (one reference) or 'images' (a list)", "e.g. image: \"registry.k8s.io/pause:3.10.1\"");
        }
        List<String> images = m.containsKey("image") ? List.of(YamlNode.requireString(n, m, "image")) : m.get("images").strings("images");
        for (String image : images) {
            for (String name : Catalog.placeholders(image)) {
                if (!name.equals("kops") && !name.equals("kubernetes") && !valueNames.contains(name)) {
                    throw n.error("'" + image + "' names {" + name + "}, which is no value of the catalog", "known: kops, kubernetes, "
                            + String.join(", ", valueNames));
                }
            }
            PlannedImage.checkReference(image.replaceAll("\\{[A-Za-z]+}", "0"), n.where());
        }
        Condition when = m.containsKey("when") ? condition(m.get("when"), valueNames) : Condition.ALWAYS;
        if (when.arch().isPresent()) {
            throw n.error("an image rule takes no 'arch'", "images are copied with every platform they have");
        }
        return new ImageRule(YamlNode.optString(m, "kind"), images, when, Origin.of(n, m), n.where());
    }

    /** {@code when}: kops, kubernetes, option, arch, networking, networkingNot, dns, and conditions on values by name. */
    private static Condition condition(YamlNode node, Set<String> valueNames) {
        Set<String> allowed = new LinkedHashSet<>(WHEN_KEYS);
        allowed.addAll(valueNames);
        Map<String, YamlNode> w = node.mapWithKeys("when", allowed);
        Set<Networking> only = networkings(w, "networking");
        Set<Networking> not = networkings(w, "networkingNot");
        Map<String, VersionRange> onValues = new LinkedHashMap<>();
        for (String name : w.keySet()) {
            if (!WHEN_KEYS.contains(name)) {
                onValues.put(name, range(w, name));
            }
        }
        return new Condition(range(w, "kops"), range(w, "kubernetes"), YamlNode.optString(w, "option"),
                YamlNode.optString(w, "arch").map(Arch::parse), only, not, dns(w), onValues);
    }

    private static Optional<DnsMode> dns(Map<String, YamlNode> w) {
        if (!w.containsKey("dns")) {
            return Optional.empty();
        }
        YamlNode n = w.get("dns");
        try {
            return Optional.of(DnsMode.parse(n.string("dns")));
        } catch (FerryException e) {
            throw n.error(e.getMessage(), e.hint().orElse(null));
        }
    }

    /** A networking list ({@code [amazonvpc]}) or a single name. */
    private static Set<Networking> networkings(Map<String, YamlNode> w, String key) {
        Set<Networking> out = new LinkedHashSet<>();
        if (w.containsKey(key)) {
            YamlNode n = w.get(key);
            for (String s : n.isList() ? n.strings(key) : List.of(n.string(key))) {
                out.add(Networking.parse(s));
            }
        }
        return out;
    }

    private static HashSpec hash(Map<String, YamlNode> m) {
        if (!m.containsKey("hash")) {
            return new HashSpec(Optional.of("{url}.sha256"), SidecarFormat.BARE, HashAlgorithm.SHA256, Optional.empty());
        }
        YamlNode h = m.get("hash");
        Map<String, YamlNode> hm = h.mapWithKeys("hash", Set.of("sidecar", "format", "algorithm", "sha256", "sha1"));
        Optional<Hash> pin = YamlNode.optString(hm, "sha256").or(() -> YamlNode.optString(hm, "sha1"))
                .map(s -> Hash.parseHex(s, h.where() + " pinned hash"));
        HashAlgorithm alg = YamlNode.optString(hm, "algorithm").map(a -> HashAlgorithm.byId(a)
                .orElseThrow(() -> h.error("unknown algorithm '" + a + "'", "use sha256 or sha1"))).orElse(HashAlgorithm.SHA256);
        return new HashSpec(pin.isPresent() ? Optional.empty() : YamlNode.optString(hm, "sidecar").or(() -> Optional.of("{url}.sha256")),
                SidecarFormat.parse(YamlNode.optString(hm, "format").orElse("bare")), alg, pin);
    }

    private static KeyRules keyRules(Map<String, YamlNode> top) {
        List<KeyRules.PrefixRule> legacy = new ArrayList<>();
        if (top.containsKey("keys")) {
            Map<String, YamlNode> keys = top.get("keys").mapWithKeys("keys", Set.of("legacy"));
            for (YamlNode n : keys.get("legacy").list("keys.legacy")) {
                Map<String, YamlNode> m = n.mapWithKeys("a key prefix", Set.of("from", "to"));
                legacy.add(new KeyRules.PrefixRule(YamlNode.requireString(n, m, "from"), YamlNode.requireString(n, m, "to")));
            }
        }
        return new KeyRules(legacy);
    }

    private static VersionRange range(Map<String, YamlNode> m, String key) {
        return YamlNode.optString(m, key).map(VersionRange::parse).orElse(VersionRange.ANY);
    }
}
