package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.mirror.layout.KeyRules;
import dev.ferry.mirror.layout.Layout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The kOps asset catalog: turns a {@link CatalogRequest} into the files kOps itself would download.
 * All version knowledge lives in {@code manifests/catalog/kops.yaml}; this class only evaluates it.
 */
public final class Catalog {
    private static final String RESOURCE = "/dev/ferry/mirror/catalog/kops.yaml";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z]+)}");

    record Line(Version kops, Version kubernetes, Layout layout) {}

    record ValueRule(VersionRange kops, VersionRange kubernetes, String value) {}

    record Condition(VersionRange kops, VersionRange kubernetes, Optional<String> option, Optional<Arch> arch,
            Set<Networking> networkingNot) {
        boolean holds(Version kopsV, Version k8s, CatalogRequest req, Arch a) {
            return kops.contains(kopsV) && kubernetes.contains(k8s)
                    && option.map(req.options()::contains).orElse(true)
                    && arch.map(a::equals).orElse(true)
                    && !networkingNot.contains(req.networking());
        }
    }

    record HashSpec(Optional<String> sidecar, SidecarFormat format, HashAlgorithm algorithm, Optional<Hash> pinned) {}

    record AssetRule(AssetKind kind, String version, String url, List<String> each, Condition when, HashSpec hash,
            List<String> sources, Optional<String> legacyKey, String where) {}

    private final List<Line> lines;
    private final Map<String, List<ValueRule>> values;
    private final List<AssetRule> assets;
    private final Map<String, Hash> pinned;
    private final KeyRules keyRules;

    private Catalog(List<Line> lines, Map<String, List<ValueRule>> values, List<AssetRule> assets,
            Map<String, Hash> pinned, KeyRules keyRules) {
        this.lines = List.copyOf(lines);
        this.values = Map.copyOf(values);
        this.assets = List.copyOf(assets);
        this.pinned = Map.copyOf(pinned);
        this.keyRules = keyRules;
    }

    /** The catalog shipped inside Ferry. */
    public static Catalog builtIn() {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("catalog resource " + RESOURCE + " is missing from the build");
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), "manifests/catalog/kops.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Catalog parse(String text, String source) {
        YamlNode root = Yaml.parse(text, source);
        Map<String, YamlNode> top = root.mapWithKeys("the catalog", Set.of("format", "lines", "values", "assets", "pinned", "keys"));
        long format = top.containsKey("format") ? top.get("format").number("format") : 1;
        if (format != 1) {
            throw root.error("catalog format " + format + " is newer than this Ferry understands", "upgrade Ferry");
        }
        List<Line> lines = new ArrayList<>();
        for (YamlNode n : top.get("lines").list("lines")) {
            Map<String, YamlNode> m = n.mapWithKeys("a line", Set.of("kops", "kubernetes", "layout"));
            lines.add(new Line(Version.parse(YamlNode.requireString(n, m, "kops"), n.where() + " kops"),
                    Version.parse(YamlNode.requireString(n, m, "kubernetes"), n.where() + " kubernetes"),
                    Layout.parse(YamlNode.optString(m, "layout").orElse("kops"))));
        }
        Map<String, List<ValueRule>> values = new HashMap<>();
        for (Map.Entry<String, YamlNode> e : top.get("values").map("values").entrySet()) {
            List<ValueRule> rules = new ArrayList<>();
            for (YamlNode n : e.getValue().list(e.getKey())) {
                Map<String, YamlNode> m = n.mapWithKeys("a value rule", Set.of("kops", "kubernetes", "value"));
                rules.add(new ValueRule(range(m, "kops"), range(m, "kubernetes"), YamlNode.requireString(n, m, "value")));
            }
            values.put(e.getKey(), rules);
        }
        Map<String, Hash> pinned = new HashMap<>();
        if (top.containsKey("pinned")) {
            for (Map.Entry<String, YamlNode> e : top.get("pinned").map("pinned").entrySet()) {
                pinned.put(e.getKey(), Hash.parseHex(e.getValue().string("pinned hash"), e.getValue().where() + " pinned hash"));
            }
        }
        List<AssetRule> assets = new ArrayList<>();
        for (YamlNode n : top.get("assets").list("assets")) {
            assets.add(assetRule(n));
        }
        List<KeyRules.PrefixRule> legacy = new ArrayList<>();
        if (top.containsKey("keys")) {
            Map<String, YamlNode> keys = top.get("keys").mapWithKeys("keys", Set.of("legacy"));
            for (YamlNode n : keys.get("legacy").list("keys.legacy")) {
                Map<String, YamlNode> m = n.mapWithKeys("a key prefix", Set.of("from", "to"));
                legacy.add(new KeyRules.PrefixRule(YamlNode.requireString(n, m, "from"), YamlNode.requireString(n, m, "to")));
            }
        }
        return new Catalog(lines, values, assets, pinned, new KeyRules(legacy));
    }

    private static AssetRule assetRule(YamlNode n) {
        Map<String, YamlNode> m = n.mapWithKeys("an asset",
                Set.of("kind", "version", "url", "each", "when", "hash", "sources", "legacyKey"));
        Condition when = new Condition(VersionRange.ANY, VersionRange.ANY, Optional.empty(), Optional.empty(), Set.of());
        if (m.containsKey("when")) {
            Map<String, YamlNode> w = m.get("when").mapWithKeys("when", Set.of("kops", "kubernetes", "option", "arch", "networkingNot"));
            Set<Networking> not = new LinkedHashSet<>();
            if (w.containsKey("networkingNot")) {
                for (String s : w.get("networkingNot").strings("networkingNot")) {
                    not.add(Networking.parse(s));
                }
            }
            when = new Condition(range(w, "kops"), range(w, "kubernetes"), YamlNode.optString(w, "option"),
                    YamlNode.optString(w, "arch").map(Arch::parse), not);
        }
        HashSpec hash = new HashSpec(Optional.of("{url}.sha256"), SidecarFormat.BARE, HashAlgorithm.SHA256, Optional.empty());
        if (m.containsKey("hash")) {
            YamlNode h = m.get("hash");
            Map<String, YamlNode> hm = h.mapWithKeys("hash", Set.of("sidecar", "format", "algorithm", "sha256", "sha1"));
            Optional<Hash> pin = YamlNode.optString(hm, "sha256").or(() -> YamlNode.optString(hm, "sha1"))
                    .map(s -> Hash.parseHex(s, h.where() + " pinned hash"));
            HashAlgorithm alg = YamlNode.optString(hm, "algorithm").map(a -> HashAlgorithm.byId(a)
                    .orElseThrow(() -> h.error("unknown algorithm '" + a + "'", "use sha256 or sha1"))).orElse(HashAlgorithm.SHA256);
            hash = new HashSpec(pin.isPresent() ? Optional.empty() : YamlNode.optString(hm, "sidecar").or(() -> Optional.of("{url}.sha256")),
                    SidecarFormat.parse(YamlNode.optString(hm, "format").orElse("bare")), alg, pin);
        }
        List<String> each = m.containsKey("each") ? m.get("each").strings("each") : List.of("");
        List<String> sources = m.containsKey("sources") ? m.get("sources").strings("sources") : List.of();
        return new AssetRule(new AssetKind(YamlNode.requireString(n, m, "kind")), YamlNode.optString(m, "version").orElse(""),
                YamlNode.requireString(n, m, "url"), each, when, hash, sources, YamlNode.optString(m, "legacyKey"), n.where());
    }

    private static VersionRange range(Map<String, YamlNode> m, String key) {
        return YamlNode.optString(m, key).map(VersionRange::parse).orElse(VersionRange.ANY);
    }

    /** The release lines Ferry knows, oldest first: "1.7", …, "1.37". */
    public List<String> knownLines() {
        return lines.stream().map(l -> l.kops().line()).toList();
    }

    public KeyRules keyRules() {
        return keyRules;
    }

    /** The files kOps {@code request.kops()} downloads for the requested Kubernetes version, arches and networking. */
    public Resolution resolve(CatalogRequest request) {
        Version kops = request.kops();
        Line line = lines.stream().filter(l -> l.kops().line().equals(kops.line())).findFirst()
                .orElseThrow(() -> FerryException.badInput("kOps " + kops + " is not in Ferry's catalog",
                        "known kOps release lines: " + String.join(", ", knownLines())
                                + " (add a line to manifests/catalog/kops.yaml for a new release)"));
        if (kops.isLine()) {
            throw FerryException.badInput("give the full kOps release, e.g. " + kops.line() + ".0, not " + kops,
                    "kOps binaries live under a patch version");
        }
        List<String> notes = new ArrayList<>();
        Version k8s;
        String k8sFrom;
        if (request.kubernetes().isPresent()) {
            k8s = request.kubernetes().get();
            k8sFrom = "given";
            if (k8s.isLine()) {
                throw FerryException.badInput("give the full Kubernetes release, e.g. " + k8s.line() + ".0, not " + k8s, null);
            }
            if (k8s.compareTo(new Version(kops.major(), kops.minor(), Integer.MAX_VALUE, "")) > 0) {
                notes.add("Kubernetes " + k8s + " is newer than kOps " + kops.line() + " supports; kOps may refuse it");
            }
        } else {
            k8s = line.kubernetes();
            k8sFrom = "recommended for kOps " + line.kops().line();
            notes.add("Kubernetes " + k8s + " chosen: the version Ferry's catalog recommends for kOps " + line.kops().line()
                    + " (pass --kubernetes to choose another)");
        }
        List<Asset> out = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Arch arch : request.arches()) {
            for (AssetRule rule : assets) {
                if (!rule.when().holds(kops, k8s, request, arch)) {
                    continue;
                }
                for (String each : rule.each()) {
                    Map<String, String> vars = variables(kops, k8s, arch, each);
                    String url = expand(rule.url(), vars, rule);
                    if (!seen.add(url)) {
                        continue;
                    }
                    vars.put("url", url);
                    out.add(asset(rule, url, arch, vars));
                }
            }
        }
        if (request.arches().equals(List.of(Arch.ARM64)) && line.layout() == Layout.LEGACY) {
            notes.add("the 2018 layout (kOps " + line.kops().line() + ") has amd64 assets only");
        }
        Selection selection = new Selection(kops.text(), k8s.text(), k8sFrom, request.arches(), request.networking(), request.options());
        return new Resolution(selection, line.layout(), out, notes);
    }

    private Asset asset(AssetRule rule, String url, Arch arch, Map<String, String> vars) {
        ExpectedHash hash;
        Hash pin = pinned.get(url);
        if (pin != null) {
            hash = new ExpectedHash.Known(pin, Provenance.PINNED);
        } else if (rule.hash().pinned().isPresent()) {
            hash = new ExpectedHash.Known(rule.hash().pinned().get(), Provenance.PINNED);
        } else {
            hash = new ExpectedHash.FromSidecar(expand(rule.hash().sidecar().orElseThrow(), vars, rule),
                    rule.hash().format(), rule.hash().algorithm());
        }
        Map<Layout, String> keys = new LinkedHashMap<>(keyRules.keys(url));
        rule.legacyKey().ifPresent(k -> keys.put(Layout.LEGACY, expand(k, vars, rule)));
        List<String> sources = new ArrayList<>();
        sources.add(url);
        for (String s : rule.sources()) {
            sources.add(expand(s, vars, rule));
        }
        return new Asset(url, Optional.of(arch), rule.kind(), expand(rule.version(), vars, rule), keys, hash, sources,
                OptionalLong.empty());
    }

    private Map<String, String> variables(Version kops, Version k8s, Arch arch, String each) {
        Map<String, String> vars = new HashMap<>();
        vars.put("kops", kops.text());
        vars.put("kubernetes", k8s.text());
        vars.put("arch", arch.id());
        vars.put("each", each);
        for (Map.Entry<String, List<ValueRule>> e : values.entrySet()) {
            for (ValueRule r : e.getValue()) {
                if (r.kops().contains(kops) && r.kubernetes().contains(k8s)) {
                    vars.put(e.getKey(), r.value());
                    break;
                }
            }
        }
        return vars;
    }

    private static String expand(String template, Map<String, String> vars, AssetRule rule) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException(rule.where() + ": no value for {" + m.group(1) + "} in '" + template
                        + "' (known: " + vars.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
