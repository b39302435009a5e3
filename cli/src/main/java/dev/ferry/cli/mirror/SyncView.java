package dev.ferry.cli.mirror;

import dev.ferry.cli.FailureReport;
import dev.ferry.cli.Table;
import dev.ferry.error.FailureGroups;
import dev.ferry.format.Json;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.sync.SyncOutcome;
import dev.ferry.mirror.sync.SyncReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A sync's result as people read it (a table and a summary line) and as pipelines read it (JSON). */
final class SyncView {
    private SyncView() {}

    /** One run of sync: the files' report when files were synced, the images' names and copy when images were. */
    record Run(Lock lock, Layout layout, Optional<Path> lockFile, Optional<SyncReport> files, Optional<ImageSync.Planned> images,
               Optional<ImageSync.Result> copied) {}

    /** Everything on stdout, files then images: one JSON object (images under "images"), or the tables and summaries. */
    static void print(Run run, boolean json, boolean verbose, PrintWriter out) {
        if (json) {
            Map<String, Object> m = run.files().map(r -> json(r, run.layout())).orElseGet(LinkedHashMap::new);
            run.images().ifPresent(p -> m.put("images", ImageSyncView.json(p, run.copied())));
            out.println(Json.write(m));
            out.flush();
            return;
        }
        run.files().ifPresent(r -> text(r, run.layout(), run.lockFile(), verbose, out));
        run.images().ifPresent(p -> {
            run.files().ifPresent(r -> out.println());
            run.copied().ifPresentOrElse(r -> ImageSyncView.text(r, verbose, out), () -> ImageSyncView.dryRun(p, out));
        });
        if (run.images().isEmpty() && !run.lock().images().isEmpty()) {
            out.println("note: the lock also lists " + Sizes.count(run.lock().images().size(), "container image")
                    + "; copy them into a registry with --registry REGISTRY (docs/images.md)");
        }
        out.flush();
    }

    /** The table lists what was written (and, in a dry run, what would be); failures are said by cause, on stderr. */
    static void text(SyncReport report, Layout layout, Optional<Path> lockFile, boolean verbose, PrintWriter out) {
        boolean dry = report.dryRun();
        Table table = new Table("STATUS", "KEY", "SIZE", "NOTE");
        for (SyncOutcome o : report.outcomes()) {
            boolean failed = o.status() == SyncOutcome.Status.FAILED;
            if ((failed && verbose) || (!failed && (dry || o.status() != SyncOutcome.Status.SKIPPED || o.aclSet()))) {
                table.row(o.status().label(dry), o.key(), o.bytes() > 0 ? Sizes.human(o.bytes()) : "-",
                        failed ? "see below" : o.note().orElse(""));
            }
        }
        if (!table.isEmpty()) {
            table.print(out);
            out.println();
        }
        double seconds = report.elapsed().toMillis() / 1000.0;
        long published = report.count(SyncOutcome.Status.PUBLISHED);
        out.printf(Locale.ROOT, "%s %s (%s layout) in %.1f s: %d %s%s, %d %s%s, %d %s.%n",
                dry ? "Dry run for" : "Synced", report.target(), layout.id(), seconds,
                published, SyncOutcome.Status.PUBLISHED.label(dry), published == 0 ? "" : " (" + Sizes.human(report.bytesPublished())
                        + (dry || seconds <= 0 ? "" : ", " + Sizes.human((long) (report.bytesPublished() / seconds)) + "/s") + ")",
                report.count(SyncOutcome.Status.SKIPPED), SyncOutcome.Status.SKIPPED.label(dry),
                report.aclsSet() == 0 ? "" : " (" + (dry ? "would set the ACL of " : "ACL set on ") + report.aclsSet() + ")",
                report.count(SyncOutcome.Status.FAILED), SyncOutcome.Status.FAILED.label(dry));
        SignatureNote.of(report.outcomes().stream().filter(o -> o.status() != SyncOutcome.Status.FAILED).map(SyncOutcome::signature).toList())
                .ifPresent(out::println);
        UnpinnedNote.of(report.unpinned(), lockFile).ifPresent(out::println);
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
            a.put("pinned", o.asset().hash().isPinned());
            a.put("signature", o.failure().isPresent() ? SignatureNote.ofFailure(o.failure()) : o.signature().text());
            a.put("aclSet", o.aclSet());
            a.put("reason", o.reason());
            a.put("cause", o.failure().map(FailureGroups::cause));
            assets.add(a);
        }
        m.put("assets", assets);
        m.put("failures", FailureReport.json(failures(report)));
        m.put("summary", new RunSummary(report.outcomes().size(), report.count(SyncOutcome.Status.PUBLISHED),
                report.count(SyncOutcome.Status.SKIPPED), report.count(SyncOutcome.Status.FAILED), report.aclsSet(), report.unpinned(),
                report.bytesPublished(), report.elapsed().toMillis() / 1000.0).json());
        return m;
    }

    /** The failures on stderr, one line per cause, then what to do about each cause. */
    static void failures(SyncReport report, boolean verbose, PrintWriter err) {
        boolean dry = report.dryRun();
        long failed = report.failures().size();
        long done = report.count(SyncOutcome.Status.PUBLISHED) + report.count(SyncOutcome.Status.SKIPPED);
        String rest = dry ? "nothing was written"
                : done == 0 ? "nothing was published"
                : report.count(SyncOutcome.Status.PUBLISHED) == 0 ? "the other " + done + " were already there"
                : "the other " + done + " are published";
        FailureReport.print(err, failed + " of " + Sizes.count(report.outcomes().size(), "asset") + " " + (dry ? "would fail" : "failed")
                + "; " + rest, "asset", failures(report), verbose);
        err.println("  then run the same command again" + (done == 0 || dry ? "" : ": what is already published is skipped"));
        err.flush();
    }

    private static List<FailureGroups.Failure> failures(SyncReport report) {
        return report.failures().stream().map(o -> new FailureGroups.Failure(o.key(), o.failure().orElseThrow())).toList();
    }
}
