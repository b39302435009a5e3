package dev.ferry.cli.mirror;

import dev.ferry.cli.Table;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.sync.SyncOutcome;
import dev.ferry.mirror.sync.SyncReport;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A sync's result as people read it (a table and a summary line) and as pipelines read it (JSON). */
final class SyncView {
    private SyncView() {}

    static void text(SyncReport report, Layout layout, PrintWriter out) {
        boolean dry = report.dryRun();
        Table table = new Table("STATUS", "KEY", "SIZE", "NOTE");
        for (SyncOutcome o : report.outcomes()) {
            if (dry || o.status() != SyncOutcome.Status.SKIPPED) {
                table.row(o.status().label(dry), o.key(), o.bytes() > 0 ? Sizes.human(o.bytes()) : "-",
                        o.status() == SyncOutcome.Status.FAILED ? "see below" : o.reason().orElse(""));
            }
        }
        if (!table.isEmpty()) {
            table.print(out);
            out.println();
        }
        double seconds = report.elapsed().toMillis() / 1000.0;
        out.printf(Locale.ROOT, "%s %s (%s layout) in %.1f s: %d %s (%s%s), %d %s, %d %s.%n",
                dry ? "Dry run for" : "Synced", report.target(), layout.id(), seconds,
                report.count(SyncOutcome.Status.PUBLISHED), SyncOutcome.Status.PUBLISHED.label(dry), Sizes.human(report.bytesPublished()),
                dry || seconds <= 0 ? "" : ", " + Sizes.human((long) (report.bytesPublished() / seconds)) + "/s",
                report.count(SyncOutcome.Status.SKIPPED), SyncOutcome.Status.SKIPPED.label(dry),
                report.count(SyncOutcome.Status.FAILED), SyncOutcome.Status.FAILED.label(dry));
    }

    static Map<String, Object> json(SyncReport report, Layout layout) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", report.target());
        m.put("layout", layout.id());
        m.put("dryRun", report.dryRun());
        List<Object> assets = new ArrayList<>();
        for (SyncOutcome o : report.outcomes()) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("key", o.key());
            a.put("url", o.asset().url());
            a.put("status", o.status().name().toLowerCase(Locale.ROOT));
            a.put("bytes", o.bytes());
            a.put("reason", o.reason());
            assets.add(a);
        }
        m.put("assets", assets);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("published", report.count(SyncOutcome.Status.PUBLISHED));
        summary.put("skipped", report.count(SyncOutcome.Status.SKIPPED));
        summary.put("failed", report.count(SyncOutcome.Status.FAILED));
        summary.put("bytes", report.bytesPublished());
        summary.put("seconds", report.elapsed().toMillis() / 1000.0);
        m.put("summary", summary);
        return m;
    }

    /** The failures on stderr, each with its reason, then what to do. */
    static void failures(SyncReport report, PrintWriter err) {
        boolean dry = report.dryRun();
        err.printf("error: %d of %d assets %s; %s%n", report.failures().size(), report.outcomes().size(),
                dry ? "would fail" : "failed", dry ? "nothing was written" : "everything else is published");
        for (SyncOutcome f : report.failures()) {
            err.println("  " + f.key() + ": " + f.reason().orElse("failed"));
        }
        err.println("  what to do: fix the causes above and run the same command again; what is already published is skipped");
        err.flush();
    }
}
