package dev.ferry.cli.mirror;

import dev.ferry.progress.Progress;
import dev.ferry.cli.OutputOption;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.MirrorTarget;
import dev.ferry.mirror.store.S3Options;
import dev.ferry.mirror.sync.Sync;
import dev.ferry.mirror.sync.SyncOptions;
import dev.ferry.mirror.sync.SyncReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror sync}: download, verify and publish every asset of a lock to a folder or a bucket. */
@Command(name = "sync",
        header = "Download, verify and publish every asset of a lock to a folder or bucket.",
        mixinStandardHelpOptions = true,
        description = {
            "Each object is written first, then its .sha256 sidecar (.sha1: legacy),",
            "once its hash and its upstream signature (--verify-signatures) verified.",
            "Assets whose sidecar in the target already matches are skipped, so a",
            "re-run is cheap and finishes an interrupted one; one whose ACL differs",
            "from --acl gets it set. Exit 1 says each cause of failure once, with what",
            "to do (-v: every asset); everything else stays published. With --lock,",
            "--source-mirror is tried first; flags that change what is mirrored are",
            "refused (plan again).",
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

    @Option(names = "--lock", paramLabel = "FILE", description = "The lock to publish (from ferry mirror plan --lock-file). Or give the plan flags.")
    Path lock;

    @Mixin
    TargetOptions where;

    @Mixin
    AclOption acl;

    @Option(names = "--dry-run", description = "Say what would be published, skipped or fail; write nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Publish again even when the target's sidecar already matches.")
    boolean force;

    @Mixin
    DownloadOptions download;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        MirrorTarget target = where.target();
        S3Options s3 = where.s3(target, acl);
        Lock plan = what.lockOr(Optional.ofNullable(lock));
        Layout layout = what.layout().orElse(plan.layout());
        int n = download.jobs();
        SyncReport report;
        try (TerminalProgress terminal = TerminalProgress.transfers(err);
             Fetcher fetcher = download.fetcher(Progress.root(dryRun ? "checking" : "syncing", terminal));
             MirrorStore store = target.open(s3)) {
            if (!output.json()) {
                err.printf("%s %s to %s (%s layout, %s, downloads %s, cache %s)%n", dryRun ? "checking" : "syncing",
                        Sizes.count(plan.assets().size(), "asset"), store.describe(), layout.id(), Sizes.count(n, "job"), fetcher.network(),
                        fetcher.cache().root());
                err.flush();
            }
            report = new Sync(store, fetcher, new SyncOptions(layout, n, dryRun, force), fetcher.progress()).run(plan.assets());
        }
        if (output.json()) {
            out.println(Json.write(SyncView.json(report, layout)));
        } else {
            SyncView.text(report, layout, Optional.ofNullable(lock), download.verbose(), out);
        }
        out.flush();
        if (!report.ok()) {
            SyncView.failures(report, download.verbose(), err);
            return FerryException.FAILED;
        }
        return 0;
    }
}
