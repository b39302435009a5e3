package dev.ferry.cli.mirror;

import dev.ferry.cli.Table;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.bundle.BundleAsset;
import dev.ferry.mirror.bundle.BundleHeader;
import dev.ferry.mirror.bundle.BundleSource;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.lock.Lock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a bundle holds, from its header and lock, and what {@code --verify} found. */
record InspectView(BundleSource source, BundleHeader header, Lock lock, boolean verify, List<String> problems, int verified,
                   int blobsVerified, Optional<Path> lockOut) {

    private Map<String, Asset> byKey() {
        Map<String, Asset> byKey = new LinkedHashMap<>();
        lock.assets().forEach(a -> byKey.put(a.key(header.layout()), a));
        return byKey;
    }

    private Map<String, Integer> count(java.util.function.Function<Asset, String> by) {
        Map<String, Integer> counts = new TreeMap<>();
        lock.assets().forEach(a -> counts.merge(by.apply(a), 1, Integer::sum));
        return counts;
    }

    Map<String, Object> json() {
        Map<String, Asset> byKey = byKey();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("bundle", source.describe());
        m.put("files", source.files().stream().map(Path::toString).toList());
        m.put("compressedBytes", source.size());
        m.put("format", header.version());
        m.put("createdBy", header.createdBy());
        m.put("created", header.created());
        m.put("layout", header.layout().id());
        m.put("lockSha256", header.lockSha256().hex());
        m.put("selections", lock.selections().stream().map(InspectView::selection).toList());
        List<Object> assets = new ArrayList<>();
        for (BundleAsset e : header.assets()) {
            Asset a = byKey.get(e.key());
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("key", e.key());
            x.put("kind", a.kind().name());
            x.put("arch", a.arch().map(v -> v.id()));
            x.put("version", a.version());
            x.put("size", e.size());
            x.put("sha256", e.sha256().hex());
            x.put("hashFrom", e.hashFrom());
            assets.add(x);
        }
        m.put("assets", assets);
        m.put("images", header.images().stream().map(i -> Map.of("image", i.reference(), "digest", i.digest(), "mediaType", i.mediaType(),
                "platforms", i.platforms())).toList());
        m.put("blobs", header.blobs().stream().map(b -> Map.of("digest", b.digest(), "size", b.size())).toList());
        m.put("summary", Map.of("assets", header.assets().size(), "bytes", header.assetBytes(), "byArch", count(Asset::archLabel),
                "byKind", count(a -> a.kind().name()), "images", header.images().size(), "blobs", header.blobs().size(),
                "blobBytes", header.blobBytes()));
        m.put("blobsVerified", verify ? Optional.of(blobsVerified) : Optional.empty());
        m.put("verified", verify ? Optional.of(problems.isEmpty()) : Optional.empty());
        m.put("problems", problems);
        return m;
    }

    void text(PrintWriter out) {
        long compressed = source.size();
        long bytes = header.assetBytes();
        out.printf(Locale.ROOT, "bundle      %s (%s, %s)%n", source.describe(),
                source.files().size() == 1 ? "one file" : source.files().size() + " parts", Sizes.human(compressed));
        out.printf(Locale.ROOT, "made by     %s at %s; bundle format %d; %s layout%n", header.createdBy(), header.created(),
                header.version(), header.layout().id());
        for (Selection s : lock.selections()) {
            out.printf(Locale.ROOT, "selection   kOps %s, Kubernetes %s, %s, networking %s%n", s.kops(), s.kubernetes(),
                    s.arches().stream().map(a -> a.id()).collect(Collectors.joining("+")), s.networking().id());
        }
        out.printf(Locale.ROOT, "assets      %s, %s (%s compressed, ratio %.2f)%n", Sizes.count(header.assets().size(), "file"),
                Sizes.human(bytes), Sizes.human(compressed), compressed == 0 ? 0.0 : (double) bytes / compressed);
        out.println("by arch     " + count(Asset::archLabel).entrySet().stream()
                .map(e -> (e.getKey().equals("-") ? "any arch" : e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", ")));
        out.println();
        Map<String, Asset> byKey = byKey();
        Table t = new Table("ARCH", "KIND", "VERSION", "SIZE", "KEY");
        for (BundleAsset e : header.assets()) {
            Asset a = byKey.get(e.key());
            t.row(a.archLabel(), a.kind().name(), a.version(), Sizes.human(e.size()), e.key());
        }
        t.print(out);
        images(out);
        if (verify) {
            out.println();
            out.println(problems.isEmpty() ? "verified: every part and " + (verified == 1 ? "the one asset matches" : "all " + verified + " assets match")
                    + " the lock" + (header.blobs().isEmpty() ? "." : "; all " + Sizes.count(blobsVerified, "image blob") + " match their digests.")
                    : "NOT verified: " + Sizes.count(problems.size(), "problem") + ":");
            problems.forEach(p -> out.println("  " + p));
        }
        lockOut.ifPresent(f -> out.println("lock written to " + f));
    }

    /** The images, as an OCI layout inside the bundle: one line each, and the blobs they share. */
    private void images(PrintWriter out) {
        if (header.images().isEmpty()) {
            return;
        }
        out.println();
        out.printf(Locale.ROOT, "images      %s, %s in %s (each stored once)%n", Sizes.count(header.images().size(), "image"),
                Sizes.human(header.blobBytes()), Sizes.count(header.blobs().size(), "blob"));
        Table t = new Table("IMAGE", "DIGEST", "PLATFORMS");
        header.images().forEach(i -> t.row(i.reference(), ImageView.shortDigest(i.digest()), String.join(",", i.platforms())));
        t.print(out);
    }

    private static Map<String, Object> selection(Selection s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kops", s.kops());
        m.put("kubernetes", s.kubernetes());
        m.put("arch", s.arches().stream().map(a -> a.id()).toList());
        m.put("networking", s.networking().id());
        return m;
    }
}
