package dev.ferry.cli.mirror;

import dev.ferry.progress.Progress;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.cli.JobsOption;
import dev.ferry.cli.OutputOption;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.bundle.BundlePush;
import dev.ferry.mirror.bundle.BundleSource;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.MirrorTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry mirror push}: publish a bundle into a folder or bucket on the disconnected side. */
@Command(name = "push",
        header = "Verify a bundle and publish it into a folder or an S3 bucket on the disconnected side.",
        mixinStandardHelpOptions = true,
        description = {
            "Publish a bundle made by `ferry mirror pack` into a folder or an S3 bucket,",
            "on the side without internet. Checks each part's sha256 first, then every",
            "asset's bytes against the lock carried in the bundle, and only then publishes",
            "it: the object, then its sidecar (.sha256; .sha1 for the legacy layout).",
            "Assets already there with a matching sidecar are skipped (given --acl when",
            "theirs differs), so an interrupted push is simply run again. Damaged or",
            "edited entries are named and refused. Upstream signatures are not checked",
            "again: pack checked them over these very bytes, which must match the lock's",
            "sha256 (with --lock, the lock reviewed on this side).",
            "",
            "Examples:",
            "  ferry mirror push ferry-bundle.tar.zst --to file:/srv/mirror",
            "  ferry mirror push ferry-bundle.tar.zst.parts.json --lock ferry.lock \\",
            "      --to s3://my-bucket/kops --region cn-north-1 --acl public-read",
            "  ferry mirror push ferry-bundle.tar.zst \\",
            "      --to s3://mirror/kops --endpoint https://minio.internal:9000"})
public final class PushCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BUNDLE",
            description = "The bundle: NAME.tar.zst, or for a split bundle NAME.tar.zst.parts.json (or any of its parts).")
    Path bundle;

    @Mixin
    TargetOptions where;

    @Mixin
    AclOption acl;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "Publish under this layout's keys: kops or legacy (default: the bundle's).")
    Layout layout;

    @Option(names = "--lock", paramLabel = "FILE",
            description = "The lock reviewed on this side: refuse the bundle unless it carries exactly this lock.")
    Path lock;

    /** Uploads run beside the bundle's one stream; four keep a bucket busy without staging much on disk. */
    static final class PushJobs extends JobsOption {
        PushJobs() {
            super(4);
        }
    }

    @Mixin
    PushJobs jobs;

    @Option(names = "--staging", paramLabel = "DIR",
            description = "Where verified assets wait for upload; needs room for --jobs assets (default: a temporary folder, removed after).")
    Path staging;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        MirrorTarget target = where.target();
        BundlePush.Options options = new BundlePush.Options(Optional.ofNullable(layout), Optional.ofNullable(lock).map(LockFile::bytes),
                Optional.ofNullable(staging), jobs.value());
        BundleSource source = BundleSource.locate(bundle);
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        BundlePush.Result result;
        long start = System.nanoTime();
        try (TerminalProgress terminal = TerminalProgress.transfers(err); MirrorStore store = target.open(where.s3(target, acl))) {
            err.println("pushing " + source.describe() + " to " + store.describe());
            err.flush();
            result = BundlePush.push(source, store, options, Progress.root("push", terminal));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        print(out, source, target, result, seconds);
        if (!result.problems().isEmpty()) {
            err.println("error: " + Sizes.count(result.problems().size(), "entry", "entries") + " refused and not published:");
            result.problems().forEach(p -> err.println("  " + p));
            err.println("  what to do: copy the bundle again from the connected side (or pack it again there); everything published was verified");
            err.flush();
            return FerryException.FAILED;
        }
        return 0;
    }

    private void print(PrintWriter out, BundleSource source, MirrorTarget target, BundlePush.Result result, double seconds) {
        int assets = result.header().assets().size();
        if (output.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", result.problems().isEmpty());
            m.put("bundle", source.describe());
            m.put("target", target.toString());
            m.put("layout", result.layout().id());
            m.put("bundleBytes", result.bundleBytes());
            m.put("problems", result.problems());
            m.put("summary", new RunSummary(assets, result.published(), result.skipped(), result.problems().size(), result.aclsSet(),
                    result.unpinned(), result.publishedBytes(), seconds).json());
            out.println(Json.write(m));
        } else {
            out.printf(Locale.ROOT, "%s: %s, %d published (%s), %d already there with a matching sidecar%s; %s of bundle in %.1f s (%s/s).%n",
                    target, Sizes.count(assets, "asset"), result.published(), Sizes.human(result.publishedBytes()), result.skipped(),
                    result.aclsSet() == 0 ? "" : " (ACL set on " + result.aclsSet() + ")",
                    Sizes.human(result.bundleBytes()), seconds, Sizes.human((long) (result.bundleBytes() / Math.max(seconds, 1e-3))));
            if (result.unpinned() > 0) {
                out.println("note: " + Sizes.count(result.unpinned(), "asset was", "assets were") + " not pinned by the lock in the bundle:"
                        + " pack read their hashes from the upstream sidecars; pin the lock on the connected side (ferry mirror lock pin"
                        + " ferry.lock), review it, and pack again");
            }
        }
        out.flush();
    }
}
