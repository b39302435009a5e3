package dev.ferry.mirror.plan;

import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.asset.SourceUrl;
import dev.ferry.mirror.catalog.PlannedImage;
import dev.ferry.mirror.layout.KeyRules;
import dev.ferry.mirror.lock.LockedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output of {@code kops get assets -o yaml} (or {@code -o json}):
 * {@code files: [{canonical, download, sha}]} and {@code images: [{canonical, download}]}. Its lists and hashes
 * are authoritative: they are what that kOps build will check and pull.
 *
 * @param files  the files, with their hashes
 * @param images the images by their canonical names, with the name kOps pulls each by when it differs
 */
public record KopsAssets(List<Asset> files, List<LockedImage> images) {
    public KopsAssets {
        files = List.copyOf(files);
        images = List.copyOf(images);
    }

    private static final Pattern ARCH = Pattern.compile("(?:/|-|\\.)(amd64|arm64)(?:/|$|\\.|-)");
    private static final Pattern VERSION = Pattern.compile("/v?(\\d+\\.\\d+\\.\\d+(?:-[0-9A-Za-z.]+)?)/");
    /** What the lock says of an image this file listed. */
    public static final String FROM = "kops-assets";

    public static KopsAssets read(Path file, KeyRules keyRules) {
        return parse(Yaml.read(file), keyRules);
    }

    public static KopsAssets parse(String text, String source, KeyRules keyRules) {
        return parse(Yaml.parse(text, source), keyRules);
    }

    private static KopsAssets parse(YamlNode root, KeyRules keyRules) {
        return new KopsAssets(files(root, keyRules), images(root));
    }

    /** {@code images:}: {@code canonical} is what upstream serves, {@code download} what the cluster pulls (the mirror's name). */
    private static List<LockedImage> images(YamlNode root) {
        YamlNode images = root.map("the kops assets file").get("images");
        List<LockedImage> out = new ArrayList<>();
        if (images == null || images.isNull()) {
            return out;
        }
        for (YamlNode n : images.list("images")) {
            Map<String, YamlNode> m = n.map("an image");
            Optional<String> download = YamlNode.optString(m, "download");
            String canonical = YamlNode.optString(m, "canonical").or(() -> download)
                    .orElseThrow(() -> n.error("an image entry has no 'canonical' name", null));
            try {
                out.add(LockedImage.of(canonical, PlannedImage.kindOf(canonical), FROM)
                        .withDownload(download.filter(d -> !d.equals(canonical))));
            } catch (dev.ferry.error.FerryException e) {
                throw n.error(e.getMessage(), e.hint().orElse(null));
            }
        }
        return out;
    }

    private static List<Asset> files(YamlNode root, KeyRules keyRules) {
        Map<String, YamlNode> top = root.map("the kops assets file");
        YamlNode files = top.get("files");
        if (files == null) {
            throw root.error("no 'files:' list: this does not look like `kops get assets -o yaml` output", "run: kops get assets -o yaml > assets.yaml");
        }
        List<Asset> out = new ArrayList<>();
        for (YamlNode n : files.list("files")) {
            Map<String, YamlNode> m = n.map("a file");
            String canonical = YamlNode.optString(m, "canonical").or(() -> YamlNode.optString(m, "download"))
                    .orElseThrow(() -> n.error("a file entry has no 'canonical' URL", null));
            SourceUrl.check(canonical, n.where());
            String sha = YamlNode.optString(m, "sha").orElseThrow(() -> n.error(canonical + " has no 'sha'", null));
            Hash hash = Hash.parseHex(sha, n.where() + ": sha of " + canonical);
            if (hash.algorithm() == HashAlgorithm.MD5) {
                throw n.error("sha of " + canonical + " is an MD5", "kOps assets carry sha256 hashes; regenerate the file with kops get assets");
            }
            out.add(new Asset(canonical, arch(canonical), kind(canonical), version(canonical), keyRules.keys(canonical),
                    new ExpectedHash.Known(hash, Provenance.KOPS_ASSETS), List.of(canonical), OptionalLong.empty()));
        }
        return out;
    }

    static Optional<Arch> arch(String url) {
        Matcher m = ARCH.matcher(url);
        return m.find() ? Optional.of(Arch.parse(m.group(1))) : Optional.empty();
    }

    static String version(String url) {
        Matcher m = VERSION.matcher(url);
        return m.find() ? m.group(1) : "";
    }

    /** Names the kind from the file name the way a person would; unknown files are "extra". */
    static AssetKind kind(String url) {
        String name = url.substring(url.lastIndexOf('/') + 1);
        for (String k : List.of("kubelet", "kubectl", "nodeup", "protokube", "channels", "ecr-credential-provider",
                "containerd", "runc", "nerdctl", "crictl")) {
            if (name.equals(k) || name.startsWith(k + "-") || name.startsWith(k + ".")) {
                return name.endsWith(".xz") ? new AssetKind(k + "-xz") : new AssetKind(k);
            }
        }
        if (name.startsWith("cni-plugins") || name.startsWith("cni-")) {
            return AssetKind.CNI;
        }
        if (name.endsWith(".docker_tag")) {
            return new AssetKind("docker-tag");
        }
        if (name.matches("kube-(apiserver|controller-manager|scheduler|proxy)\\.tar")) {
            return new AssetKind("kube-image");
        }
        if (url.contains("/images/") && name.endsWith(".tar.gz")) {
            return new AssetKind("kops-image");
        }
        return AssetKind.EXTRA;
    }

}
