package dev.ferry.cli.mirror;

import dev.ferry.cli.OutputFormat;
import dev.ferry.cli.ProgressLine;
import dev.ferry.cli.Sizes;
import dev.ferry.cli.Table;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.mirror.fetch.FetchOptions;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.MirrorTarget;
import dev.ferry.mirror.store.S3Options;
import dev.ferry.mirror.sync.Sync;
import dev.ferry.mirror.sync.SyncOptions;
import dev.ferry.mirror.sync.SyncOutcome;
import dev.ferry.mirror.sync.SyncReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror sync}: download, verify and publish every asset of a lock to a folder or a bucket. */
@Command(name = "sync",
        mixinStandardHelpOptions = true,
        description = {
            "Download, verify and publish every asset of a lock to a folder or bucket.",
            "Each object is written first, then its .sha256 sidecar (.sha1: legacy).",
            "Assets whose sidecar in the target already matches are skipped, so a",
            "re-run is cheap and finishes an interrupted one. Exit 1 lists every",
            "asset that failed, and why; everything else stays published.",
            "",
            "Examples:",
            "  ferry mirror sync --lock ferry.lock --to file:./mirror",
            "  ferry mirror sync --lock ferry.lock --to s3://my-mirror/files \\",
            "      --region cn-north-1 --acl public-read",
            "  ferry mirror sync --kops 1.30.4 --kubernetes 1.30.0 --dry-run \\",
            "      --to s3://mirror/files --endpoint http://minio.internal:9000"})
public final class SyncCommand implements Callable<Integer> {

    @Mixin
    PlanOptions what;

    @Option(names = "--lock", paramLabel = "FILE", description = "The lock to publish (from ferry mirror plan -o). Or give the plan flags.")
    Path lock;

    @Mixin
    TargetOptions where;

    @Mixin
    AclOption acl;

    @Option(names = "--jobs", paramLabel = "N", description = "Assets transferred in parallel (default: ${DEFAULT-VALUE}).")
    int jobs = 8;

    @Option(names = "--dry-run", description = "Say what would be published, skipped or fail; write nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Publish again even when the target's sidecar already matches.")
    boolean force;

    @Option(names = "--proxy", paramLabel = "URL", description = "HTTP proxy for downloads, e.g. http://proxy:3128 (default: HTTPS_PROXY / HTTP_PROXY, honouring NO_PROXY).")
    String proxy;

    @Option(names = "--cache", paramLabel = "DIR", description = "Content-addressed cache of verified downloads (default: ~/.cache/ferry).")
    Path cache;

    @Option(names = "--retries", paramLabel = "N", description = "Retries per source on timeouts, resets and 5xx (default: ${DEFAULT-VALUE}).")
    int retries = 4;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "Give up on a read that stalls this long (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds = 60;

    /** The first retry's delay; tests shorten it. */
    @Option(names = "--retry-delay-ms", hidden = true)
    long retryDelayMillis = 1000;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat output = OutputFormat.TEXT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (jobs < 1 || jobs > 64) {
            throw FerryException.badInput("--jobs " + jobs + " is out of range", "use 1 to 64");
        }
        if (retries < 0 || timeoutSeconds < 1) {
            throw FerryException.badInput("--retries must be 0 or more and --timeout at least 1", "e.g. --retries 4 --timeout 60");
        }
        MirrorTarget target = where.target();
        S3Options s3 = where.s3(target, acl);
        Lock plan = what.lockOr(Optional.ofNullable(lock));
        Layout layout = what.layout().orElse(plan.layout());
        Map<String, String> env = System.getenv();
        FetchOptions fetch = new FetchOptions(cache != null ? cache : FetchOptions.defaultCacheDir(env), Optional.ofNullable(proxy),
                retries, Duration.ofMillis(retryDelayMillis), Duration.ofSeconds(timeoutSeconds), jobs, env);

        SyncReport report;
        try (ProgressLine progress = new ProgressLine(err, dryRun ? "checking" : "syncing");
             Fetcher fetcher = new Fetcher(fetch, progress.meter());
             MirrorStore store = target.open(s3)) {
            if (output == OutputFormat.TEXT) {
                err.printf("%s %d assets to %s (%s layout, %d jobs, downloads %s, cache %s)%n", dryRun ? "checking" : "syncing",
                        plan.assets().size(), store.describe(), layout.id(), jobs, fetcher.network(), fetcher.cache().root());
                err.flush();
            }
            report = new Sync(store, fetcher, new SyncOptions(layout, jobs, dryRun, force), progress.meter()).run(plan.assets());
        }
        if (output == OutputFormat.JSON) {
            out.println(Json.write(json(report, layout)));
        } else {
            text(report, layout, out);
        }
        out.flush();
        if (!report.ok()) {
            err.printf("error: %d of %d assets %s; %s%n", report.failures().size(), report.outcomes().size(),
                    dryRun ? "would fail" : "failed", dryRun ? "nothing was written" : "everything else is published");
            for (SyncOutcome f : report.failures()) {
                err.println("  " + f.key() + ": " + f.reason().orElse("failed"));
            }
            err.println("  what to do: fix the causes above and run the same command again; what is already published is skipped");
            err.flush();
            return FerryException.FAILED;
        }
        return 0;
    }

    private static void text(SyncReport report, Layout layout, PrintWriter out) {
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

    private static Map<String, Object> json(SyncReport report, Layout layout) {
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
}
