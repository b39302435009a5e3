package dev.ferry.mirror.plan;

import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.mirror.asset.SourceUrl;
import dev.ferry.mirror.catalog.CatalogRequest;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.PlannedImage;
import dev.ferry.mirror.catalog.Version;
import dev.ferry.mirror.lock.LockedImage;
import dev.ferry.mirror.signature.OpenPgpKeyring;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@code ferry.yaml}: what a person wants mirrored. See docs/manifest.md for the format.
 *
 * <pre>
 * clusters:
 *   - kops: 1.30.4
 *     kubernetes: 1.30.0
 *   - kops: 1.34.1          # kubernetes omitted: the catalog's recommendation
 *     networking: amazonvpc
 * arch: [amd64, arm64]
 * networking: cilium        # default for clusters that do not say
 * include: [kube-image-tars, kops-images]
 * sourceMirrors:
 *   - {prefix: "https://github.com/", url: "https://ghproxy.example.cn/github.com/"}
 * files:
 *   - url: https://example.com/addon.yaml
 *     sha256: 0123…
 *     key: addons/addon.yaml
 *   - url: https://vendor.example/tool.tar.gz
 *     signature: https://vendor.example/tool.tar.gz.asc   # of the file, or of checksums: when given
 *     keyring: keys/vendor.asc                            # relative to this file
 *     checksums: https://vendor.example/SHA256SUMS        # optional
 * images:
 *   - registry.k8s.io/pause:3.10.1
 *   - {image: docker.io/calico/node:v3.31.6, digest: "sha256:0123…"}
 * </pre>
 */
public record Manifest(List<CatalogRequest> clusters, List<SourceMirror> sourceMirrors, List<ExtraFile> files, List<ExtraImage> images) {
    private static final Set<String> TOP = Set.of("clusters", "arch", "networking", "include", "sourceMirrors", "files", "images");

    /** An image the manifest names, with the digest it pins when it gives one; {@code where} is its file and line. */
    public record ExtraImage(String reference, Optional<String> digest, String where) {}
    private static final Set<String> CLUSTER = Set.of("kops", "kubernetes", "arch", "networking", "include");

    public Manifest {
        clusters = List.copyOf(clusters);
        sourceMirrors = List.copyOf(sourceMirrors);
        files = List.copyOf(files);
        images = List.copyOf(images);
    }

    /** Reads a manifest; the keyring paths it names are relative to its folder. */
    public static Manifest read(Path file) {
        return parse(Yaml.read(file), file.toAbsolutePath().getParent());
    }

    /** A manifest from text; its keyring paths are relative to the current folder. */
    public static Manifest parse(String text, String source) {
        return parse(Yaml.parse(text, source), Path.of("").toAbsolutePath());
    }

    private static Manifest parse(YamlNode root, Path folder) {
        Map<String, YamlNode> top = root.mapWithKeys("the manifest", TOP);
        List<Arch> arches = top.containsKey("arch") ? arches(top.get("arch")) : List.of(Arch.AMD64, Arch.ARM64);
        Networking networking = top.containsKey("networking") ? networking(top.get("networking")) : Networking.OTHER;
        Set<String> include = top.containsKey("include") ? include(top.get("include")) : Set.of();
        List<CatalogRequest> clusters = new ArrayList<>();
        if (top.containsKey("clusters")) {
            for (YamlNode n : top.get("clusters").list("clusters")) {
                Map<String, YamlNode> m = n.mapWithKeys("a cluster", CLUSTER);
                String kops = YamlNode.optString(m, "kops").orElseThrow(() -> n.error("a cluster needs 'kops' (e.g. kops: 1.30.4)", null));
                Version kopsV = version(m.get("kops"), kops, "kOps version");
                Optional<Version> k8s = YamlNode.optString(m, "kubernetes").map(k -> version(m.get("kubernetes"), k, "Kubernetes version"));
                Set<String> inc = new LinkedHashSet<>(include);
                if (m.containsKey("include")) {
                    inc.addAll(include(m.get("include")));
                }
                clusters.add(new CatalogRequest(kopsV, k8s,
                        m.containsKey("arch") ? arches(m.get("arch")) : arches,
                        m.containsKey("networking") ? networking(m.get("networking")) : networking, inc));
            }
        }
        List<SourceMirror> mirrors = new ArrayList<>();
        if (top.containsKey("sourceMirrors")) {
            for (YamlNode n : top.get("sourceMirrors").list("sourceMirrors")) {
                Map<String, YamlNode> m = n.mapWithKeys("a source mirror", Set.of("prefix", "url"));
                try {
                    mirrors.add(new SourceMirror(YamlNode.requireString(n, m, "prefix"), YamlNode.requireString(n, m, "url")));
                } catch (dev.ferry.error.FerryException e) {
                    throw n.error(e.getMessage(), e.hint().orElse(null));
                }
            }
        }
        List<ExtraFile> files = new ArrayList<>();
        if (top.containsKey("files")) {
            for (YamlNode n : top.get("files").list("files")) {
                files.add(file(n, folder));
            }
        }
        List<ExtraImage> images = top.containsKey("images") ? images(top.get("images")) : List.of();
        if (clusters.isEmpty() && files.isEmpty() && images.isEmpty()) {
            throw root.error("the manifest names no clusters, files or images", "add a 'clusters:' list (kops: …), 'files:' or 'images:'");
        }
        return new Manifest(clusters, mirrors, files, images);
    }

    /** {@code - registry.k8s.io/pause:3.10.1} or {@code - {image: …, digest: sha256:…}}. */
    private static List<ExtraImage> images(YamlNode list) {
        List<ExtraImage> out = new ArrayList<>();
        for (YamlNode n : list.list("images")) {
            String reference;
            Optional<String> digest = Optional.empty();
            if (n.isMap()) {
                Map<String, YamlNode> m = n.mapWithKeys("an image", Set.of("image", "digest"));
                reference = YamlNode.optString(m, "image").orElseThrow(() -> n.error("an image needs 'image' (e.g. image: registry.k8s.io/pause:3.10.1)", null));
                digest = YamlNode.optString(m, "digest");
            } else {
                reference = n.string("an image");
            }
            PlannedImage.checkReference(reference.trim(), n.where());
            try {
                digest.ifPresent(d -> LockedImage.checkDigest(d.trim(), reference));
            } catch (dev.ferry.error.FerryException e) {
                throw n.error(e.getMessage(), e.hint().orElse(null));
            }
            out.add(new ExtraImage(reference.trim(), digest.map(String::trim), n.where()));
        }
        return out;
    }

    /** A {@code files:} entry: a URL, and what proves its bytes (a sha256, a checksum list, a signature and its keyring). */
    private static ExtraFile file(YamlNode n, Path folder) {
        Map<String, YamlNode> m = n.mapWithKeys("a file", Set.of("url", "sha256", "key", "checksums", "signature", "keyring"));
        String url = YamlNode.optString(m, "url").orElseThrow(() -> n.error("a file needs 'url'", null));
        SourceUrl.check(url, m.get("url").where());
        Optional<String> checksums = YamlNode.optString(m, "checksums");
        Optional<String> signature = YamlNode.optString(m, "signature");
        Optional<String> keyring = YamlNode.optString(m, "keyring");
        for (String k : List.of("checksums", "signature")) {
            YamlNode.optString(m, k).ifPresent(u -> SourceUrl.check(u, m.get(k).where()));
        }
        if (signature.isPresent() && keyring.isEmpty()) {
            throw m.get("signature").error("a signature needs the keyring that must have made it",
                    "add keyring: keys/vendor.asc (gpg --export --armor KEYID > keys/vendor.asc), relative to this file");
        }
        if (keyring.isPresent() && signature.isEmpty() && checksums.isEmpty()) {
            throw m.get("keyring").error("a keyring needs the signature to check: signature: URL (of the file or of checksums:),"
                    + " or checksums: URL of a clear-signed checksum list", "e.g. signature: " + url + ".asc");
        }
        Optional<Path> keys = keyring.map(k -> folder.resolve(k).normalize());
        keys.ifPresent(k -> {
            try {
                OpenPgpKeyring.read(k); // a missing file, or a secret key, is said now with its line, not at sync
            } catch (dev.ferry.error.FerryException e) {
                throw m.get("keyring").error(e.getMessage(), e.hint().orElse(null));
            }
        });
        return new ExtraFile(url, YamlNode.optString(m, "sha256"), YamlNode.optString(m, "key"), n.where(), checksums, signature, keys);
    }

    private static Version version(YamlNode n, String text, String what) {
        try {
            return Version.parse(text, what);
        } catch (dev.ferry.error.FerryException e) {
            throw n.error(e.getMessage(), e.hint().orElse(null));
        }
    }

    private static List<Arch> arches(YamlNode n) {
        List<Arch> out = new ArrayList<>();
        for (String s : n.strings("arch")) {
            try {
                out.add(Arch.parse(s));
            } catch (dev.ferry.error.FerryException e) {
                throw n.error(e.getMessage(), e.hint().orElse(null));
            }
        }
        return out;
    }

    private static Networking networking(YamlNode n) {
        try {
            return Networking.parse(n.string("networking"));
        } catch (dev.ferry.error.FerryException e) {
            throw n.error(e.getMessage(), e.hint().orElse(null));
        }
    }

    private static Set<String> include(YamlNode n) {
        Set<String> out = new LinkedHashSet<>(n.strings("include"));
        for (String s : out) {
            if (!CatalogRequest.KNOWN_OPTIONS.contains(s)) {
                throw n.error("unknown include '" + s + "'", "known: " + String.join(", ", new java.util.TreeSet<>(CatalogRequest.KNOWN_OPTIONS)));
            }
        }
        return out;
    }
}
