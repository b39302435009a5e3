package dev.ferry.cli.mirror;

import dev.ferry.cli.Ferry;
import dev.ferry.cli.OutputOption;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.error.FerryException;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.MirrorTarget;
import dev.ferry.mirror.sync.Sync;
import dev.ferry.mirror.sync.SyncOptions;
import dev.ferry.mirror.sync.SyncReport;
import dev.ferry.progress.Progress;
import dev.ferry.registry.copy.CopyOptions;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror sync}: download, verify and publish every asset of a lock to a folder or a bucket, and its images to a registry. */
@Command(name = "sync",
        header = "Download, verify and publish every asset of a lock to a folder or bucket, and its images to a registry.",
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
            "With --registry, the lock's images are copied byte for byte, every",
            "platform, under the names kOps asks for (--image-naming); an image is",
            "tagged only once all it refers to is there. Images the lock does not pin",
            "yet are pinned, and the pins written into the lock. --registry alone",
            "copies only images; with --to as well, files then images.",
            "",
            "Examples:",
            "  ferry mirror sync --lock ferry.lock --to file:./mirror",
            "  ferry mirror sync --lock ferry.lock --to s3://my-mirror/files \\",
            "      --region cn-north-1 --acl public-read",
            "  ferry mirror sync --lock ferry.lock --ecr-public-read \\",
            "      --registry 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops \\",
            "      --image-naming registry --profile china --source-profile global",
            "  ferry mirror sync --lock ferry.lock --registry http://10.0.0.5:5000/k8s \\",
            "      --source-mirror https://registry.k8s.io=https://harbor.lan/k8s-proxy",
            "  ferry mirror sync --lock ferry.lock --registry oci:./images   # to carry",
            "  ferry mirror sync --kops 1.30.4 --kubernetes 1.30.0 --dry-run \\",
            "      --to s3://mirror/files --endpoint http://minio.internal:9000"})
public final class SyncCommand implements Callable<Integer> {

    @Mixin
    LockInput input;

    @Mixin
    TargetOptions where;

    @Mixin
    AclOption acl;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--ecr-public-read", description = "Give each ECR repository Ferry copies into a policy that lets any AWS account pull from it (not anonymous clients: docs/images.md).")
    boolean ecrPublicRead;

    @Mixin
    RegistryAccessOptions registryAccess;

    @Option(names = "--dry-run", description = "Say what would be published, skipped or fail (and the images' names); write nothing.")
    boolean dryRun;

    @Option(names = "--force", description = "Publish again even when the target's sidecar already matches; re-check every blob of an image already tagged.")
    boolean force;

    @Mixin
    DownloadOptions download;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        Lock plan = input.read();
        // the names are worked out first: a collision is refused before anything, files included, is copied
        Optional<ImageSync.Planned> images = registry.target().map(t -> ImageSync.plan(plan, t, registry.naming()));
        images.ifPresent(p -> p.warnings().forEach(w -> err.println("warning: " + w)));
        Layout layout = input.plan().layout().orElse(plan.layout());
        where.withImages(images.isPresent());
        Optional<SyncReport> files = images.isEmpty() || where.given() ? Optional.of(files(plan, layout, err)) : Optional.empty();
        Optional<ImageSync.Result> copied = images.filter(p -> !dryRun).map(p -> copy(p, plan, err));
        SyncView.print(new SyncView.Run(plan, layout, input.file(), files, images, copied), output.json(), download.verbose(), out);
        files.filter(r -> !r.ok()).ifPresent(r -> SyncView.failures(r, download.verbose(), err));
        copied.filter(r -> r.report().failed()).ifPresent(r -> ImageSyncView.failures(r, download.verbose(), err));
        boolean ok = files.map(SyncReport::ok).orElse(true) && copied.map(r -> !r.report().failed()).orElse(true);
        return ok ? 0 : FerryException.FAILED;
    }

    private SyncReport files(Lock plan, Layout layout, PrintWriter err) {
        MirrorTarget target = where.target();
        int n = download.jobs();
        try (TerminalProgress terminal = TerminalProgress.transfers(err);
             Fetcher fetcher = download.fetcher(Progress.root(dryRun ? "checking" : "syncing", terminal));
             MirrorStore store = target.open(where.s3(target, acl))) {
            if (!output.json()) {
                err.printf("%s %s to %s (%s layout, %s, downloads %s, cache %s)%n", dryRun ? "checking" : "syncing",
                        Sizes.count(plan.assets().size(), "asset"), store.describe(), layout.id(), Sizes.count(n, "job"), fetcher.network(),
                        fetcher.cache().root());
                err.flush();
            }
            return new Sync(store, fetcher, new SyncOptions(layout, n, dryRun, force), fetcher.progress()).run(plan.assets());
        }
    }

    private ImageSync.Result copy(ImageSync.Planned p, Lock plan, PrintWriter err) {
        try (ImageAccess access = ImageAccess.open(registryAccess, download, input.plan().imageSourceMirrors(), Optional.of(p.target()), where.profile(),
                download.jobs(), Ferry.environment(output.command()), false)) {
            return ImageSync.copy(p, plan, input.file(), access, CopyOptions.defaults(download.jobs()).withRecheck(force), ecrPublicRead,
                    err, output.json());
        }
    }
}
