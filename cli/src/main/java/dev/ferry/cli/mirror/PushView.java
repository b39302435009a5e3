package dev.ferry.cli.mirror;

import dev.ferry.format.Json;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.bundle.BundlePush;
import dev.ferry.mirror.bundle.BundleSource;
import dev.ferry.mirror.store.MirrorTarget;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A push as people read it (the files' line, the images' table and summary) and as pipelines read it (JSON). */
final class PushView {
    /**
     * @param files  where the files went; empty when only the images were pushed (the files were verified)
     * @param images the images' copy, when {@code --registry} was given and the bundle has images
     */
    record Run(BundleSource source, Optional<String> files, BundlePush.Result result, Optional<ImageSync.Result> images, double seconds) {}

    private PushView() {}

    static void print(Run run, boolean json, boolean verbose, PrintWriter out) {
        if (json) {
            out.println(Json.write(json(run)));
        } else {
            text(run, verbose, out);
        }
        out.flush();
    }

    private static Map<String, Object> json(Run run) {
        BundlePush.Result result = run.result();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", result.problems().isEmpty() && run.images().map(i -> !i.report().failed()).orElse(true));
        m.put("bundle", run.source().describe());
        m.put("target", run.files());
        m.put("layout", result.layout().id());
        m.put("bundleBytes", result.bundleBytes());
        m.put("problems", result.problems());
        m.put("summary", new RunSummary(result.header().assets().size(), result.published(), result.skipped(), result.problems().size(),
                result.aclsSet(), result.unpinned(), result.publishedBytes(), run.seconds()).json());
        m.put("blobsVerified", result.blobs());
        run.images().ifPresent(i -> m.put("images", ImageSyncView.json(i.planned(), Optional.of(i))));
        return m;
    }

    private static void text(Run run, boolean verbose, PrintWriter out) {
        BundlePush.Result result = run.result();
        int assets = result.header().assets().size();
        double seconds = run.seconds();
        if (run.files().isPresent()) {
            out.printf(Locale.ROOT, "%s: %s, %d published (%s), %d already there with a matching sidecar%s; %s of bundle in %.1f s (%s/s).%n",
                    run.files().get(), Sizes.count(assets, "asset"), result.published(), Sizes.human(result.publishedBytes()), result.skipped(),
                    result.aclsSet() == 0 ? "" : " (ACL set on " + result.aclsSet() + ")",
                    Sizes.human(result.bundleBytes()), seconds, Sizes.human((long) (result.bundleBytes() / Math.max(seconds, 1e-3))));
        } else {
            out.printf(Locale.ROOT, "verified %s of %s (no --to: the files were not published).%n", Sizes.count(assets, "asset"),
                    run.source().describe());
        }
        if (!result.header().images().isEmpty()) {
            out.printf("verified %s of %s (%s) in the bundle.%n", Sizes.count(result.blobs(), "blob"), Sizes.count(result.header().images().size(),
                    "image"), Sizes.human(result.header().blobBytes()));
        }
        run.images().ifPresent(i -> ImageSyncView.text(i, verbose, out));
        if (run.images().isEmpty() && !result.header().images().isEmpty()) {
            out.println("note: the bundle's " + Sizes.count(result.header().images().size(), "image") + " were not pushed: give --registry "
                    + "REGISTRY (e.g. harbor.example.cn/k8s, or oci:DIR for a folder ferry mirror serve answers from)");
        }
        if (result.unpinned() > 0) {
            out.println("note: " + Sizes.count(result.unpinned(), "asset was", "assets were") + " not pinned by the lock in the bundle:"
                    + " pack read their hashes from the upstream sidecars; pin the lock on the connected side (ferry mirror lock pin"
                    + " ferry.lock), review it, and pack again");
        }
    }

    static void starting(BundleSource source, Optional<MirrorTarget> files, Optional<ImageSync.Planned> images, PrintWriter err) {
        err.println("pushing " + source.describe() + " to " + String.join(" and ", java.util.stream.Stream.concat(files.map(Object::toString).stream(),
                images.map(p -> p.target().describe()).stream()).toList()));
        err.flush();
    }

    /** The refused entries and the images that failed, on stderr. */
    static void problems(List<String> problems, Optional<ImageSync.Result> images, boolean verbose, PrintWriter err) {
        images.filter(r -> r.report().failed()).ifPresent(r -> ImageSyncView.failures(r, verbose, err));
        if (problems.isEmpty()) {
            return;
        }
        err.println("error: " + Sizes.count(problems.size(), "entry", "entries") + " refused and not published:");
        problems.forEach(p -> err.println("  " + p));
        err.println("  what to do: copy the bundle again from the connected side (or pack it again there); everything published was verified");
        err.flush();
    }
}
