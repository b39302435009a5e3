package dev.ferry.mirror.lock;

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
import dev.ferry.mirror.asset.SignatureStatus;
import dev.ferry.mirror.asset.SignedBy;
import dev.ferry.mirror.asset.SourceUrl;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.layout.KeyRules;
import dev.ferry.mirror.layout.Layout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads and writes {@code ferry.lock}: YAML, one asset per block, stable order, so a diff of two
 * locks reads as the list of what changed.
 */
public final class LockFile {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z][A-Za-z0-9._/:@+~-]*");
    private static final Set<String> RESERVED = Set.of("true", "false", "null", "yes", "no", "on", "off", "y", "n", "~");

    private LockFile() {}

    /** The lock's text, keyring paths written relative to the current folder. */
    public static String write(Lock lock) {
        return text(lock, Path.of("").toAbsolutePath());
    }

    /** The lock's text, keyring paths written relative to {@code folder} (where the lock is written). */
    private static String text(Lock lock, Path folder) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ferry.lock: every file this mirror holds, with its mirror keys and expected hash.\n")
          .append("# Written by `ferry mirror plan`; review and commit it, then `ferry mirror sync --lock ferry.lock`.\n")
          .append("# hash.from says where a hash came from. A hash with a sha256 is pinned: the bytes must have it. One without\n")
          .append("# (only a sidecar) is unpinned: read from upstream at download time; `ferry mirror lock pin` pins it.\n")
          .append("# images: every platform of each is copied; digest is its manifest or index as upstream serves it. One without\n")
          .append("# a digest is unpinned until `ferry mirror lock pin`, `plan --resolve` or the first `sync --lock … --registry …`.\n")
          .append("# signedBy says where upstream signs a file and who must have signed it; signature says what plan --resolve\n")
          .append("# verified of it (verified, unsigned, not-checked). Sync and pack check signatures again before publishing.\n");
        sb.append("lockVersion: ").append(Lock.FORMAT).append('\n');
        sb.append("generatedBy: ").append(scalar(lock.generatedBy())).append('\n');
        sb.append("layout: ").append(lock.layout().id()).append('\n');
        sb.append("selections:\n");
        if (lock.selections().isEmpty()) {
            sb.setLength(sb.length() - 1);
            sb.append(" []\n");
        }
        for (Selection s : lock.selections()) {
            sb.append("- kops: ").append(scalar(s.kops())).append('\n');
            sb.append("  kubernetes: ").append(scalar(s.kubernetes())).append('\n');
            sb.append("  kubernetesFrom: ").append(scalar(s.kubernetesFrom())).append('\n');
            sb.append("  arch: ").append(flowList(s.arches().stream().map(Arch::id).toList())).append('\n');
            sb.append("  networking: ").append(s.networking().id()).append('\n');
            if (!s.options().isEmpty()) {
                sb.append("  options: ").append(flowList(new ArrayList<>(new TreeSet<>(s.options())))).append('\n');
            }
        }
        if (!lock.images().isEmpty()) {
            images(sb, lock.images()); // before the assets: the fast reader reads everything up to "assets:" as the header
        }
        sb.append("assets:\n");
        if (lock.assets().isEmpty()) {
            sb.setLength(sb.length() - 1);
            sb.append(" []\n");
        }
        for (Asset a : lock.assets()) {
            sb.append("- url: ").append(scalar(a.url())).append('\n');
            sb.append("  kind: ").append(scalar(a.kind().name())).append('\n');
            sb.append("  arch: ").append(scalar(a.archLabel())).append('\n');
            sb.append("  version: ").append(scalar(a.version())).append('\n');
            sb.append("  keys:\n");
            for (Layout l : Layout.values()) {
                sb.append("    ").append(l.id()).append(": ").append(scalar(a.key(l))).append('\n');
            }
            hash(sb, a.hash());
            LockSignatures.write(sb, a, folder);
            if (!a.sources().equals(List.of(a.url()))) {
                sb.append("  sources:\n");
                for (String s : a.sources()) {
                    sb.append("  - ").append(scalar(s)).append('\n');
                }
            }
            a.size().ifPresent(n -> sb.append("  size: ").append(n).append('\n'));
        }
        return sb.toString();
    }

    private static void images(StringBuilder sb, List<LockedImage> images) {
        sb.append("images:\n");
        for (LockedImage i : images) {
            sb.append("- image: ").append(scalar(i.reference())).append('\n');
            sb.append("  kind: ").append(scalar(i.kind())).append('\n');
            sb.append("  from: ").append(scalar(i.from())).append('\n');
            i.download().ifPresent(d -> sb.append("  download: ").append(scalar(d)).append('\n'));
            i.digest().ifPresent(d -> sb.append("  digest: ").append(scalar(d)).append('\n'));
            i.mediaType().ifPresent(t -> sb.append("  mediaType: ").append(scalar(t)).append('\n'));
            if (!i.platforms().isEmpty()) {
                sb.append("  platforms: ").append(flowList(i.platforms())).append('\n');
            }
        }
    }

    /** {@code hash:}: the pinned hash and where it is from, then the upstream sidecar when there is one (alone: unpinned). */
    private static void hash(StringBuilder sb, ExpectedHash hash) {
        sb.append("  hash:\n");
        if (hash instanceof ExpectedHash.Known k) {
            sb.append("    ").append(k.hash().algorithm().id()).append(": ").append(k.hash().hex()).append('\n');
            sb.append("    from: ").append(k.provenance().id()).append('\n');
        } else {
            sb.append("    from: ").append(Provenance.UPSTREAM_SIDECAR.id()).append('\n');
        }
        hash.upstreamSidecar().ifPresent(f -> {
            sb.append("    sidecar: ").append(scalar(f.url())).append('\n');
            sb.append("    format: ").append(f.format().id()).append('\n');
            sb.append("    algorithm: ").append(f.algorithm().id()).append('\n');
        });
    }

    /** Writes atomically: a half-written lock never replaces a good one. Keyring paths are written relative to the lock. */
    public static void write(Lock lock, Path file) {
        dev.ferry.format.AtomicFile.writeOutput(file, text(lock, folderOf(file)));
    }

    /** The folder a lock file's relative keyring paths are read from and written against. */
    static Path folderOf(Path file) {
        return file.toAbsolutePath().normalize().getParent();
    }

    /** The lock file's bytes as they are, for bundles that carry it byte for byte and for comparing it with one. */
    public static byte[] bytes(Path file) {
        try {
            return java.nio.file.Files.readAllBytes(file);
        } catch (java.io.IOException e) {
            throw FerryException.badInput("cannot read the lock " + file + ": " + e.getMessage(), "check the path");
        }
    }

    /** Reads a lock: asset by asset when Ferry wrote it ({@link LockReader}), else the whole file at once. */
    public static Lock read(Path file) {
        return LockReader.read(file).orElseGet(() -> parse(Yaml.readGenerated(file), folderOf(file)));
    }

    /** A lock from text; its keyring paths are relative to the current folder. */
    public static Lock parse(String text, String source) {
        return parse(Yaml.parseGenerated(text, source), Path.of("").toAbsolutePath());
    }

    private static Lock parse(YamlNode root, Path folder) {
        Lock head = withoutAssets(root);
        Map<String, YamlNode> top = root.map("the lock");
        List<Asset> assets = new ArrayList<>();
        if (top.containsKey("assets")) {
            for (YamlNode n : top.get("assets").list("assets")) {
                assets.add(asset(n, folder));
            }
        }
        return head.withAssets(assets);
    }

    /** Everything of the lock but its assets (checked first: a newer format is refused before any asset is read). */
    static Lock withoutAssets(YamlNode root) {
        Map<String, YamlNode> top = root.mapWithKeys("the lock", Set.of("lockVersion", "generatedBy", "layout", "selections", "images", "assets"));
        if (!top.containsKey("lockVersion")) {
            throw root.error("not a ferry.lock (no lockVersion)", "make one with: ferry mirror plan … --lock-file ferry.lock");
        }
        long version = top.get("lockVersion").number("lockVersion");
        if (version > Lock.FORMAT) {
            throw top.get("lockVersion").error("lock format " + version + " was written by a newer Ferry (this one reads up to "
                    + Lock.FORMAT + ")", "upgrade Ferry, or re-run plan with this version");
        }
        Layout layout = Layout.parse(YamlNode.optString(top, "layout").orElse("kops"));
        List<Selection> selections = new ArrayList<>();
        if (top.containsKey("selections")) {
            for (YamlNode n : top.get("selections").list("selections")) {
                Map<String, YamlNode> m = n.mapWithKeys("a selection",
                        Set.of("kops", "kubernetes", "kubernetesFrom", "arch", "networking", "options"));
                List<Arch> arches = m.containsKey("arch") ? m.get("arch").strings("arch").stream().map(Arch::parse).toList() : List.of();
                selections.add(new Selection(YamlNode.requireString(n, m, "kops"), YamlNode.requireString(n, m, "kubernetes"),
                        YamlNode.optString(m, "kubernetesFrom").orElse("given"), arches,
                        Networking.parse(YamlNode.optString(m, "networking").orElse("other")),
                        m.containsKey("options") ? Set.copyOf(m.get("options").strings("options")) : Set.of()));
            }
        }
        List<LockedImage> images = new ArrayList<>();
        if (top.containsKey("images")) {
            for (YamlNode n : top.get("images").list("images")) {
                images.add(image(n));
            }
        }
        return new Lock(YamlNode.optString(top, "generatedBy").orElse("unknown"), layout, selections, List.of(), images);
    }

    private static LockedImage image(YamlNode n) {
        Map<String, YamlNode> m = n.mapWithKeys("an image", Set.of("image", "kind", "from", "download", "digest", "mediaType", "platforms"));
        String reference = YamlNode.requireString(n, m, "image");
        try {
            return new LockedImage(reference, YamlNode.optString(m, "kind").orElse("extra"), YamlNode.optString(m, "from").orElse("manifest"),
                    YamlNode.optString(m, "download"), YamlNode.optString(m, "digest"), YamlNode.optString(m, "mediaType"),
                    m.containsKey("platforms") ? m.get("platforms").strings("platforms") : List.of());
        } catch (FerryException e) {
            throw n.error(e.getMessage(), e.hint().orElse(null));
        }
    }

    static Asset asset(YamlNode n, Path folder) {
        Map<String, YamlNode> m = n.mapWithKeys("an asset",
                Set.of("url", "kind", "arch", "version", "keys", "hash", "signature", "signedBy", "sources", "size"));
        String url = SourceUrl.check(YamlNode.requireString(n, m, "url"), m.get("url").where()); // a lock is a file people edit
        KeyRules.kopsKey(url);
        String archText = YamlNode.optString(m, "arch").orElse("-");
        Optional<Arch> arch = archText.equals("-") ? Optional.empty() : Optional.of(Arch.parse(archText));
        Map<Layout, String> keys = new EnumMap<>(Layout.class);
        if (!m.containsKey("keys")) {
            throw n.error("asset " + url + " has no keys", null);
        }
        for (Map.Entry<String, YamlNode> e : m.get("keys").map("keys").entrySet()) {
            String key = e.getValue().string("key");
            KeyRules.checkKey(key, url);
            keys.put(Layout.parse(e.getKey()), key);
        }
        for (Layout l : Layout.values()) {
            if (!keys.containsKey(l)) {
                throw m.get("keys").error("asset " + url + " has no " + l.id() + " key", null);
            }
        }
        if (!m.containsKey("hash")) {
            throw n.error("asset " + url + " has no hash", "every asset needs a hash or an upstream sidecar");
        }
        ExpectedHash hash = hash(m.get("hash"), url);
        List<String> sources = List.of(url);
        if (m.containsKey("sources")) {
            sources = m.get("sources").strings("sources");
            sources.forEach(s -> SourceUrl.check(s, m.get("sources").where()));
        }
        OptionalLong size = m.containsKey("size") ? OptionalLong.of(m.get("size").number("size")) : OptionalLong.empty();
        Optional<SignedBy> signedBy = m.containsKey("signedBy") ? Optional.of(LockSignatures.signedBy(m.get("signedBy"), folder)) : Optional.empty();
        SignatureStatus signature = LockSignatures.status(m, signedBy);
        try {
            return new Asset(url, arch, new AssetKind(YamlNode.optString(m, "kind").orElse("extra")),
                    YamlNode.optString(m, "version").orElse(""), keys, hash, sources, size, signedBy, signature);
        } catch (IllegalArgumentException e) {
            throw n.error(e.getMessage(), null);
        }
    }

    /** A pinned hash (a sha256, sha1 or md5 key), with the sidecar upstream publishes it in when named; else the sidecar to read. */
    private static ExpectedHash hash(YamlNode hn, String url) {
        Map<String, YamlNode> h = hn.mapWithKeys("hash", Set.of("sha256", "sha1", "md5", "from", "sidecar", "format", "algorithm"));
        Provenance from = Provenance.parse(YamlNode.requireString(hn, h, "from"));
        Optional<ExpectedHash.FromSidecar> sidecar = Optional.empty();
        if (h.containsKey("sidecar")) {
            HashAlgorithm alg = HashAlgorithm.byId(YamlNode.optString(h, "algorithm").orElse("sha256"))
                    .orElseThrow(() -> hn.error("unknown hash algorithm", "use sha256 or sha1"));
            sidecar = Optional.of(new ExpectedHash.FromSidecar(SourceUrl.check(YamlNode.requireString(hn, h, "sidecar"), hn.where()),
                    SidecarFormat.parse(YamlNode.optString(h, "format").orElse("bare")), alg));
        }
        Optional<Hash> pinned = pinned(h, url);
        if (pinned.isPresent()) {
            return new ExpectedHash.Known(pinned.get(), from, sidecar);
        }
        if (from == Provenance.UPSTREAM_SIDECAR) {
            return sidecar.orElseThrow(() -> hn.error("asset " + url + " says its hash is read from the upstream sidecar but names none",
                    "give sidecar: URL, or pin the sha256"));
        }
        throw hn.error("asset " + url + " says its hash is " + from.id() + " but gives no sha256", null);
    }

    private static Optional<Hash> pinned(Map<String, YamlNode> h, String url) {
        for (HashAlgorithm alg : HashAlgorithm.values()) {
            Optional<String> hex = YamlNode.optString(h, alg.id());
            if (hex.isPresent()) {
                Hash parsed = Hash.parseHex(hex.get(), h.get(alg.id()).where() + " " + alg.id() + " of " + url);
                if (parsed.algorithm() != alg) {
                    throw h.get(alg.id()).error(alg.id() + " of " + url + " has " + hex.get().length()
                            + " hex characters; a " + alg.id() + " has " + alg.hexLength(), null);
                }
                return Optional.of(parsed);
            }
        }
        return Optional.empty();
    }

    static String scalar(String s) {
        if (PLAIN.matcher(s).matches() && !RESERVED.contains(s.toLowerCase(java.util.Locale.ROOT))) {
            return s;
        }
        return dev.ferry.format.Json.quote(s);
    }

    private static String flowList(List<String> items) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < items.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(scalar(items.get(i)));
        }
        return sb.append(']').toString();
    }
}
