package dev.ferry.cli.mirror;

import dev.ferry.cli.Table;
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

/** A verification's result: the problem table with one fix per kind of problem, or JSON. */
final class VerifyView {
    private VerifyView() {}

    static void text(PrintWriter out, VerifyReport r) {
        VerifyOptions o = r.options();
        out.printf("Checked %s in %s (%s layout, %s sidecars%s%s)%n", Sizes.count(r.checked(), "object"), r.store(), o.layout().id(),
                o.layout().sidecarAlgorithm().id(), o.deep() ? ", bytes re-hashed" : "",
                o.publicUrl().map(u -> ", anonymous reads at " + u).orElse(""));
        if (!r.ok()) {
            problems(out, r.problems());
        }
        out.println();
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
            out.printf("  %s (%s): %s%n", p.kind().id(), ps.size() == 1 ? p.key() : ps.size() + " objects", p.fix());
        }
    }

    static Map<String, Object> json(VerifyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", r.store());
        m.put("layout", r.options().layout().id());
        m.put("sidecarAlgorithm", r.options().layout().sidecarAlgorithm().id());
        m.put("deep", r.options().deep());
        m.put("publicUrl", r.options().publicUrl().map(PublicUrl::value));
        m.put("ok", r.ok());
        m.put("problems", r.problems().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("key", p.key());
            pm.put("problem", p.kind().id());
            pm.put("detail", p.detail());
            pm.put("fix", p.fix());
            return pm;
        }).toList());
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
