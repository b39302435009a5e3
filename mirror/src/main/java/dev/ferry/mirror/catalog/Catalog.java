package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.mirror.asset.SignedBy;
import dev.ferry.mirror.asset.Signer;
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

    record ValueRule(VersionRange kops, VersionRange kubernetes, String value, Origin origin) {}

    /**
     * When a rule holds. {@code networking} empty: any networking; {@code values}: conditions on the versions
     * the value rules chose ({@code containerd: ">=1.6.0"}).
     */
    record Condition(VersionRange kops, VersionRange kubernetes, Optional<String> option, Optional<Arch> arch,
            Set<Networking> networking, Set<Networking> networkingNot, Optional<DnsMode> dns, Map<String, VersionRange> values) {
        static final Condition ALWAYS = new Condition(VersionRange.ANY, VersionRange.ANY, Optional.empty(), Optional.empty(),
                Set.of(), Set.of(), Optional.empty(), Map.of());

        /** {@code a} is the architecture an asset is planned for; images have none (every platform is copied). */
        boolean holds(Version kopsV, Version k8s, CatalogRequest req, DnsMode d, Optional<Arch> a, Map<String, ValueRule> chosen) {
            return kops.contains(kopsV) && kubernetes.contains(k8s)
                    && option.map(req.options()::contains).orElse(true)
                    && (arch.isEmpty() || arch.equals(a))
                    && (networking.isEmpty() || networking.contains(req.networking()))
                    && !networkingNot.contains(req.networking())
                    && dns.map(d::equals).orElse(true)
                    && values.entrySet().stream().allMatch(e -> chosen.containsKey(e.getKey())
                            && e.getValue().contains(Version.parse(chosen.get(e.getKey()).value(), e.getKey())));
        }
    }

    record HashSpec(Optional<String> sidecar, SidecarFormat format, HashAlgorithm algorithm, Optional<Hash> pinned) {}

    /** {@code signedBy}: where upstream signs the asset (URL templates) and who signs, when {@code when} holds. */
    record SignatureRule(Condition when, Signer signer, Optional<String> detached, Optional<String> certificate,
            Optional<String> checksums, Optional<String> checksumsSignature) {
        List<String> templates() {
            return java.util.stream.Stream.of(detached, certificate, checksums, checksumsSignature).flatMap(Optional::stream).toList();
        }
    }

    record AssetRule(AssetKind kind, String version, String url, List<String> each, Condition when, HashSpec hash,
            List<String> sources, Optional<String> legacyKey, Optional<SignatureRule> signedBy, Origin origin, String where) {}

    /** Images kOps pulls when {@code when} holds; {@code kind} empty: each image's repository name. */
    record ImageRule(Optional<String> kind, List<String> images, Condition when, Origin origin, String where) {}

    private final List<ReleaseLine> lines;
    private final Map<String, List<ValueRule>> values;
    private final List<AssetRule> assets;
    private final KeyRules keyRules;
    private final HashTables tables;
    private final List<ImageRule> imageRules;
    private final ImageRules images;

    Catalog(List<ReleaseLine> lines, Map<String, List<ValueRule>> values, List<AssetRule> assets,
            KeyRules keyRules, HashTables tables, List<ImageRule> images) {
        this.lines = List.copyOf(lines);
        this.values = Map.copyOf(values);
        this.assets = List.copyOf(assets);
        this.keyRules = keyRules;
        this.tables = tables;
        this.imageRules = List.copyOf(images);
        this.images = new ImageRules(images);
    }

    /** The catalog shipped inside Ferry, with kOps's hash tables. */
    public static Catalog builtIn() {
        String text = resource(RESOURCE.substring(RESOURCE.lastIndexOf('/') + 1))
                .orElseThrow(() -> new IllegalStateException("catalog resource " + RESOURCE + " is missing from the build"));
        return parse(text, "manifests/catalog/kops.yaml").withTables(HashTables.read(Catalog::resource));
    }

    /** A catalog from text, without hash tables (tests give their own with {@link #withTables}). */
    public static Catalog parse(String text, String source) {
        return CatalogReader.read(text, source);
    }

    /** This catalog with {@code newTables} as kOps's hash tables. */
    public Catalog withTables(HashTables newTables) {
        return new Catalog(lines, values, assets, keyRules, newTables, imageRules);
    }

    private static Optional<String> resource(String name) {
        try (InputStream in = Catalog.class.getResourceAsStream(RESOURCE.substring(0, RESOURCE.lastIndexOf('/') + 1) + name)) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** kOps's table entry for {@code url}, looked up as kOps does: by the URL itself. */
    public Optional<HashTables.Entry> tableHash(String url) {
        return tables.find(url);
    }

    /** The release lines Ferry knows, oldest first: "1.7", …, "1.37". */
    public List<String> knownLines() {
        return lines.stream().map(l -> l.kops().line()).toList();
    }

    /** The kOps releases whose rules the catalog was checked against (and a coming release), oldest first. */
    public List<String> knownReleases(String line) {
        return lines.stream().filter(l -> l.kops().line().equals(line)).flatMap(l -> l.known().stream()).map(Version::text).toList();
    }

    public KeyRules keyRules() {
        return keyRules;
    }

    /**
     * The files kOps {@code request.kops()} downloads for the requested Kubernetes version, arches and networking,
     * and the images the cluster pulls.
     */
    public Resolution resolve(CatalogRequest request) {
        Version kops = request.kops();
        ReleaseLine line = line(kops);
        List<String> notes = new ArrayList<>();
        Version rulesKops = rulesRelease(line, kops, notes);
        Version k8s;
        String k8sFrom;
        if (request.kubernetes().isPresent()) {
            k8s = request.kubernetes().get();
            k8sFrom = "given";
            if (k8s.isLine()) {
                throw FerryException.badInput("give the full Kubernetes release, e.g. " + k8s.line() + ".0, not " + k8s, null);
            }
        } else {
            k8s = line.kubernetes();
            k8sFrom = "recommended for kOps " + line.kops().line();
            notes.add("Kubernetes " + k8s + " chosen: the version kOps picks for " + line.kops().line() + " (its stable channel)"
                    + unconfirmed(line.kubernetesOrigin()) + "; pass --kubernetes to choose another");
        }
        Map<String, ValueRule> chosen = choose(rulesKops, k8s.release());
        checkSupported(kops, k8s, chosen, notes);
        DnsMode dns = request.dns().orElseGet(() -> ImageRules.defaultDns(chosen));
        List<Asset> out = assets(request, rulesKops, kops, k8s, dns, chosen, notes);
        if (request.arches().equals(List.of(Arch.ARM64)) && line.layout() == Layout.LEGACY) {
            notes.add("the 2018 layout (kOps " + line.kops().line() + ") has amd64 assets only");
        }
        List<String> imageNotes = new ArrayList<>();
        List<PlannedImage> planned = images.plan(request, rulesKops, kops, k8s, dns, chosen, imageNotes);
        Selection selection = new Selection(kops.text(), k8s.text(), k8sFrom, request.arches(), request.networking(), request.options());
        return new Resolution(selection, line.layout(), out, notes, planned, imageNotes);
    }

    private List<Asset> assets(CatalogRequest request, Version rulesKops, Version kops, Version k8s, DnsMode dns,
            Map<String, ValueRule> chosen, List<String> notes) {
        List<Asset> out = new ArrayList<>();
        Set<AssetRule> used = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        for (Arch arch : request.arches()) {
            for (AssetRule rule : assets) {
                if (!rule.when().holds(rulesKops, k8s.release(), request, dns, Optional.of(arch), chosen)) {
                    continue;
                }
                used.add(rule);
                Optional<SignatureRule> signed = rule.signedBy().filter(s -> s.when().holds(rulesKops, k8s.release(), request, dns, Optional.of(arch), chosen));
                for (String each : rule.each()) {
                    Map<String, String> vars = variables(kops, k8s, arch, each, chosen);
                    String url = expand(rule.url(), vars, rule.where());
                    if (seen.add(url)) {
                        vars.put("url", url);
                        out.add(asset(rule, url, arch, vars).withSignedBy(signed.map(s -> signedBy(s, vars, rule))));
                    }
                }
            }
        }
        notes.addAll(unconfirmedNotes(used, chosen));
        return out;
    }

    private ReleaseLine line(Version kops) {
        ReleaseLine line = lines.stream().filter(l -> l.kops().line().equals(kops.line())).findFirst()
                .orElseThrow(() -> FerryException.badInput("kOps " + kops + " is not in Ferry's catalog",
                        "known kOps release lines: " + String.join(", ", knownLines())
                                + "; for another release, run `kops get assets -o yaml > assets.yaml` and plan with --from-kops-assets assets.yaml,"
                                + " or list its files in a manifest (docs/manifest.md)"));
        if (kops.isLine()) {
            throw FerryException.badInput("give the full kOps release, e.g. " + kops.line() + ".0, not " + kops,
                    "kOps binaries live under a patch version");
        }
        return line;
    }

    /** The release whose rules apply: the one asked for when the catalog knows it, else the line's newest. */
    private static Version rulesRelease(ReleaseLine line, Version kops, List<String> notes) {
        Optional<Version> instead = line.rulesFor(kops);
        Version rules = instead.orElse(kops);
        Optional<String> readAt = line.isNext(rules) ? line.next().map(ReleaseLine.Next::read) : Optional.empty();
        if (instead.isPresent()) {
            List<Version> known = line.known();
            notes.add("not a release Ferry's catalog knows (it knows " + known.get(0)
                    + (known.size() > 1 ? " … " + known.get(known.size() - 1) : "") + "): planned with the rules of kOps "
                    + rules + ", the newest it knows" + readAt.map(r -> " (not released yet: read at kOps " + r + ")").orElse("")
                    + "; compare with `kops get assets` and pass that file with --from-kops-assets");
        } else {
            readAt.ifPresent(r -> notes.add("not released yet: Ferry's rules for it were read at kOps " + r
                    + "; compare with `kops get assets` once it is released"));
        }
        return rules;
    }

    /** For each value name, the first rule that matches: the versions kOps picks for this pair. */
    private Map<String, ValueRule> choose(Version kops, Version k8s) {
        Map<String, ValueRule> chosen = new HashMap<>();
        for (Map.Entry<String, List<ValueRule>> e : values.entrySet()) {
            e.getValue().stream().filter(r -> r.kops().contains(kops) && r.kubernetes().contains(k8s)).findFirst()
                    .ifPresent(r -> chosen.put(e.getKey(), r));
        }
        return chosen;
    }

    /** kOps refuses a Kubernetes older than its oldest supported version, and warns about one newer than itself. */
    private static void checkSupported(Version kops, Version k8s, Map<String, ValueRule> chosen, List<String> notes) {
        ValueRule oldest = chosen.get("oldestKubernetes");
        if (oldest != null && k8s.release().compareTo(Version.parse(oldest.value(), "oldestKubernetes")) < 0) {
            throw FerryException.badInput("kOps " + kops + " refuses Kubernetes " + k8s + ": the oldest it supports is " + oldest.value(),
                    "choose Kubernetes " + oldest.value() + " or newer, or an older kOps");
        }
        if (k8s.compareTo(new Version(kops.major(), kops.minor(), Integer.MAX_VALUE, "")) > 0) {
            notes.add("Kubernetes " + k8s + " is newer than kOps " + kops.line()
                    + " supports; kOps refuses it unless KOPS_RUN_TOO_NEW_VERSION is set");
        }
    }

    private static List<String> unconfirmedNotes(Set<AssetRule> used, Map<String, ValueRule> chosen) {
        Set<String> notes = new LinkedHashSet<>();
        for (AssetRule rule : used) {
            if (rule.origin() instanceof Origin.Unconfirmed u) {
                notes.add(rule.kind().name() + " (" + rule.url() + ") is not confirmed from kOps's source: " + u.why());
            }
            notes.addAll(unconfirmedValues(rule.when(), templates(rule), chosen));
        }
        return List.copyOf(notes);
    }

    /** Notes for the unconfirmed values a rule's condition or templates use. */
    static List<String> unconfirmedValues(Condition when, List<String> templates, Map<String, ValueRule> chosen) {
        Set<String> names = new LinkedHashSet<>(when.values().keySet());
        for (String template : templates) {
            names.addAll(placeholders(template));
        }
        List<String> notes = new ArrayList<>();
        for (String name : names) {
            ValueRule v = chosen.get(name);
            if (v != null && v.origin() instanceof Origin.Unconfirmed u) {
                notes.add(name + " " + v.value() + " is not confirmed from kOps's source: " + u.why());
            }
        }
        return notes;
    }

    static List<String> placeholders(String template) {
        List<String> names = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(template);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static List<String> templates(AssetRule rule) {
        List<String> t = new ArrayList<>(List.of(rule.url(), rule.version()));
        t.addAll(rule.sources());
        rule.hash().sidecar().ifPresent(t::add);
        rule.legacyKey().ifPresent(t::add);
        rule.signedBy().ifPresent(sig -> t.addAll(sig.templates()));
        return t;
    }

    private static String unconfirmed(Origin origin) {
        return origin instanceof Origin.Unconfirmed u ? " (not confirmed from kOps's source: " + u.why() + ")" : "";
    }

    /** The rule's own pin, else kOps's tables (with the sidecar upstream publishes), else the sidecar to read. */
    private ExpectedHash hash(AssetRule rule, String url, Map<String, String> vars) {
        if (rule.hash().pinned().isPresent()) {
            return new ExpectedHash.Known(rule.hash().pinned().get(), Provenance.PINNED);
        }
        ExpectedHash.FromSidecar sidecar = new ExpectedHash.FromSidecar(expand(rule.hash().sidecar().orElseThrow(), vars, rule.where()),
                rule.hash().format(), rule.hash().algorithm());
        return tableHash(url).<ExpectedHash>map(e -> new ExpectedHash.Known(e.hash(), Provenance.KOPS_ASSETDATA, Optional.of(sidecar)))
                .orElse(sidecar);
    }

    private Asset asset(AssetRule rule, String url, Arch arch, Map<String, String> vars) {
        ExpectedHash hash = hash(rule, url, vars);
        Map<Layout, String> keys = new LinkedHashMap<>(keyRules.keys(url));
        rule.legacyKey().ifPresent(k -> keys.put(Layout.LEGACY, expand(k, vars, rule.where())));
        List<String> sources = new ArrayList<>();
        sources.add(url);
        for (String s : rule.sources()) {
            sources.add(expand(s, vars, rule.where()));
        }
        return new Asset(url, Optional.of(arch), rule.kind(), expand(rule.version(), vars, rule.where()), keys, hash, sources,
                OptionalLong.empty());
    }

    private static SignedBy signedBy(SignatureRule s, Map<String, String> vars, AssetRule rule) {
        java.util.function.Function<Optional<String>, Optional<String>> at = t -> t.map(template -> expand(template, vars, rule.where()));
        try {
            return new SignedBy(s.signer(), at.apply(s.detached()), at.apply(s.certificate()), at.apply(s.checksums()), at.apply(s.checksumsSignature()));
        } catch (FerryException e) {
            throw new IllegalStateException(rule.where() + ": signedBy: " + e.getMessage(), e);
        }
    }

    private static Map<String, String> variables(Version kops, Version k8s, Arch arch, String each, Map<String, ValueRule> chosen) {
        Map<String, String> vars = new HashMap<>();
        chosen.forEach((name, rule) -> vars.put(name, rule.value()));
        vars.put("kops", kops.text());
        vars.put("kubernetes", k8s.text());
        vars.put("arch", arch.id());
        vars.put("each", each);
        return vars;
    }

    /** The template with each {name} replaced; {@code where} (the rule's place in the catalog) names a missing one. */
    static String expand(String template, Map<String, String> vars, String where) {
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String v = vars.get(m.group(1));
            if (v == null) {
                throw new IllegalStateException(where + ": no value for {" + m.group(1) + "} in '" + template
                        + "' (known: " + vars.keySet().stream().sorted().collect(Collectors.joining(", ")) + ")");
            }
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
