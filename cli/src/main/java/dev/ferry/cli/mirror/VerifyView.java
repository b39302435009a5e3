package dev.ferry.cli.mirror;

import dev.ferry.cli.Table;
import dev.ferry.format.Json;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.env.PublicUrl;
import dev.ferry.mirror.verify.Problem;
import dev.ferry.mirror.verify.VerifyOptions;
import dev.ferry.mirror.verify.VerifyReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A verification's result (files, images, or both): the problem table with one fix per kind of problem, or JSON. */
final class VerifyView {
    private VerifyView() {}

    /** Files then images: the headers, one problem table for both, then the verdicts. */
    static void print(PrintWriter out, Optional<VerifyReport> files, Optional<ImageVerify.Result> images, boolean json) {
        if (json) {
            Map<String, Object> m = files.map(VerifyView::json).orElseGet(LinkedHashMap::new);
            images.ifPresent(i -> m.put("images", imagesJson(i)));
            m.put("ok", files.map(VerifyReport::ok).orElse(true) && images.map(i -> i.problems().isEmpty()).orElse(true));
            out.println(Json.write(m));
            out.flush();
            return;
        }
        files.ifPresent(r -> header(out, r));
        images.ifPresent(i -> out.printf("Checked %s in %s (%s naming, %s looked up%s)%n", Sizes.count(i.report().images(), "image"),
                i.report().target(), i.naming().id(), Sizes.count(i.report().blobs(), "blob"), i.anonymous() ? ", without credentials" : ""));
        List<Problem> all = new ArrayList<>();
        files.ifPresent(r -> all.addAll(r.problems()));
        images.ifPresent(i -> all.addAll(i.problems()));
        if (!all.isEmpty()) {
            problems(out, all);
        }
        out.println();
        files.ifPresent(r -> verdict(out, r));
        images.ifPresent(i -> verdict(out, i));
        out.flush();
    }

    private static void header(PrintWriter out, VerifyReport r) {
        VerifyOptions o = r.options();
        out.printf("Checked %s in %s (%s layout, %s sidecars%s%s)%n", Sizes.count(r.checked(), "object"), r.store(), o.layout().id(),
                o.layout().sidecarAlgorithm().id(), o.deep() ? ", bytes re-hashed" : "",
                o.publicUrl().map(u -> ", anonymous reads at " + u).orElse(""));
    }

    private static void verdict(PrintWriter out, VerifyReport r) {
        VerifyOptions o = r.options();
        if (r.ok()) {
            out.printf("No problems: the %s ready for kOps.", r.checked() == 1 ? "object is" : r.checked() + " objects are");
        } else {
            out.printf("%s on %d of %s: the mirror is NOT ready for kOps.", Sizes.count(r.problems().size(), "problem"),
                    r.objectsWithProblems(), Sizes.count(r.checked(), "object"));
        }
        if (r.notChecked() > 0) {
            out.printf(" %s without any sidecar %s not checked (give --lock to check exactly what a cluster needs).",
                    Sizes.count(r.notChecked(), "object"), r.notChecked() == 1 ? "was" : "were");
        }
        if (o.deep()) {
            out.printf(Locale.ROOT, " Re-hashed %s in %.1f s.", Sizes.human(r.bytesHashed()), r.took().toMillis() / 1000.0);
        }
        out.println();
    }

    private static void verdict(PrintWriter out, ImageVerify.Result i) {
        int n = i.report().images();
        if (i.problems().isEmpty()) {
            out.printf("No problems: the %s ready for kOps.", n == 1 ? "image is" : n + " images are");
        } else {
            out.printf("%s on %d of %s: the registry is NOT ready for kOps.", Sizes.count(i.problems().size(), "problem"),
                    i.imagesWithProblems(), Sizes.count(n, "image"));
        }
        if (i.report().unpinned() > 0) {
            out.printf(" %s not pinned by the lock: checked under %s tag only (ferry mirror lock pin pins them).",
                    Sizes.count(i.report().unpinned(), "image is", "images are"), i.report().unpinned() == 1 ? "its" : "their");
        }
        out.println();
    }

    private static Map<String, Object> imagesJson(ImageVerify.Result i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registry", i.report().target());
        m.put("naming", i.naming().id());
        m.put("anonymous", i.anonymous());
        m.put("ok", i.problems().isEmpty());
        m.put("problems", problemsJson(i.problems()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("images", i.report().images());
        summary.put("unpinned", i.report().unpinned());
        summary.put("blobs", i.report().blobs());
        summary.put("imagesWithProblems", i.imagesWithProblems());
        summary.put("problems", i.problems().size());
        m.put("summary", summary);
        return m;
    }

    private static void problems(PrintWriter out, List<Problem> problems) {
        out.println();
        Table table = new Table("PROBLEM", "KEY", "DETAIL");
        for (Problem p : problems) {
            table.row(p.kind().id(), p.key(), p.detail());
        }
        table.print(out);
        out.println();
        out.println("What to do:");
        Map<String, List<Problem>> byFix = new LinkedHashMap<>();
        for (Problem p : problems) {
            byFix.computeIfAbsent(p.kind().id() + "\u0000" + p.fix(), k -> new ArrayList<>()).add(p);
        }
        for (List<Problem> ps : byFix.values()) {
            Problem p = ps.get(0);
            long keys = ps.stream().map(Problem::key).distinct().count();
            out.printf("  %s (%s): %s%n", p.kind().id(), keys == 1 ? p.key() : keys + (p.kind().ofImage() ? " images" : " objects"), p.fix());
        }
    }

    private static List<Object> problemsJson(List<Problem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("key", p.key());
            pm.put("problem", p.kind().id());
            pm.put("detail", p.detail());
            pm.put("fix", p.fix());
            return (Object) pm;
        }).toList();
    }

    static Map<String, Object> json(VerifyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", r.store());
        m.put("layout", r.options().layout().id());
        m.put("sidecarAlgorithm", r.options().layout().sidecarAlgorithm().id());
        m.put("deep", r.options().deep());
        m.put("publicUrl", r.options().publicUrl().map(PublicUrl::value));
        m.put("ok", r.ok());
        m.put("problems", problemsJson(r.problems()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("checked", r.checked());
        summary.put("notChecked", r.notChecked());
        summary.put("objectsWithProblems", r.objectsWithProblems());
        summary.put("problems", r.problems().size());
        summary.put("bytesHashed", r.bytesHashed());
        summary.put("seconds", Math.round(r.took().toMillis() / 100.0) / 10.0);
        m.put("summary", summary);
        return m;
    }
}
