package dev.ferry.cli.mirror;

import dev.ferry.cli.OutputFormat;
import dev.ferry.cli.Table;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.mirror.env.PublicUrl;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.MirrorTarget;
import dev.ferry.mirror.store.S3Options;
import dev.ferry.mirror.verify.Problem;
import dev.ferry.mirror.verify.Verifier;
import dev.ferry.mirror.verify.VerifyOptions;
import dev.ferry.mirror.verify.VerifyReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror verify}: prove a mirror works for kOps before a node boots from it. */
@Command(name = "verify",
        mixinStandardHelpOptions = true,
        description = {
            "Check that a mirror will work for kOps, before a node boots from it.",
            "It checks:",
            "  - every object is there, with its sidecar, holding the right hash in the",
            "    layout's algorithm (sha256 for kops, sha1 for legacy);",
            "  - sizes match the lock; S3 ETags are single-part MD5s (not multipart);",
            "  - --deep re-hashes every byte;",
            "  - --public-url reads each sidecar and the first byte of each object",
            "    WITHOUT credentials, as kOps and nodes do, and reports 403, 404 and",
            "    redirects to another region.",
            "Without --lock, every object that has a sidecar is checked.",
            "Prints each problem with its fix. Exit code 0: ready; 1: problems found.",
            "",
            "Examples:",
            "  ferry mirror verify --to s3://my-bucket/kops --region cn-north-1 \\",
            "      --lock ferry.lock \\",
            "      --public-url https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops",
            "  ferry mirror verify --to file:./mirror --deep",
            "  ferry mirror verify --to file:./mirror --public-url http://10.0.0.5:8080 \\",
            "      --output json"})
public final class VerifyCommand implements Callable<Integer> {

    @Mixin
    TargetOptions where;

    @Option(names = "--lock", paramLabel = "FILE", description = "Check exactly the assets of this lock (sizes and hashes from it too).")
    Path lock;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "kops (sha256 sidecars) or legacy (sha1 sidecars). Default: the lock's, else kops.")
    String layout;

    @Option(names = "--deep", description = "Read every object and re-hash its bytes (reads the whole mirror).")
    boolean deep;

    @Option(names = "--public-url", paramLabel = "URL",
            description = "Where kOps and nodes read the mirror, e.g. https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops: check anonymous reads there.")
    String publicUrl;

    @Option(names = "--jobs", paramLabel = "N", description = "Objects checked at once. Default: 8.")
    int jobs = 8;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat output = OutputFormat.TEXT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (jobs < 1 || jobs > 256) {
            throw FerryException.badInput("--jobs " + jobs + " is out of range", "use 1-256; the default is 8");
        }
        MirrorTarget target = where.target();
        S3Options s3 = where.s3(target);
        Optional<PublicUrl> url = Optional.ofNullable(publicUrl).map(PublicUrl::parse);
        if (url.isPresent() && url.get().isS3Scheme()) {
            throw FerryException.badInput("--public-url must be the http(s) URL kOps reads, not " + url.get(),
                    "e.g. --public-url https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops");
        }
        Optional<Lock> locked = Optional.ofNullable(lock).map(LockFile::read);
        Layout l = Optional.ofNullable(layout).map(Layout::parse).orElse(locked.map(Lock::layout).orElse(Layout.KOPS));
        String sync = "ferry mirror sync --lock " + (lock == null ? "ferry.lock" : lock) + " " + where.flags(target);
        Optional<String> policyResource = Optional.empty();
        if (target instanceof MirrorTarget.Bucket b) {
            boolean china = where.region().map(r -> r.startsWith("cn-")).orElse(false) || url.map(PublicUrl::isChinaEndpoint).orElse(false);
            policyResource = Optional.of((china ? "arn:aws-cn:s3:::" : "arn:aws:s3:::") + b.bucket() + "/"
                    + (b.prefix().isEmpty() ? "" : b.prefix() + "/") + "*");
        }
        VerifyOptions options = new VerifyOptions(l, deep, url, jobs, sync, policyResource);

        PrintWriter err = spec.commandLine().getErr();
        AtomicLong lastReport = new AtomicLong(System.nanoTime());
        Verifier verifier = new Verifier(options, (done, total) -> {
            long now = System.nanoTime();
            long last = lastReport.get();
            if ((now - last > 1_000_000_000L && lastReport.compareAndSet(last, now)) || done.equals(total)) {
                synchronized (err) {
                    err.printf("verify: %d/%d objects checked%n", done, total);
                    err.flush();
                }
            }
        });
        VerifyReport report;
        try (MirrorStore store = target.open(s3)) {
            report = locked.map(lk -> verifier.verify(store, lk)).orElseGet(() -> verifier.verifyAll(store));
        }
        if (report.checked() == 0 && report.ok()) {
            throw new FerryException("found no object with a sidecar in " + report.store() + ", so nothing was verified",
                    "check --to" + (target instanceof MirrorTarget.Bucket ? ", --region and --endpoint" : "")
                            + ", or give --lock ferry.lock to check exactly what a cluster needs");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (output == OutputFormat.JSON) {
            out.println(Json.write(json(report)));
        } else {
            text(out, report);
        }
        out.flush();
        return report.ok() ? 0 : FerryException.FAILED;
    }

    private static void text(PrintWriter out, VerifyReport r) {
        VerifyOptions o = r.options();
        out.printf("Checked %d objects in %s (%s layout, %s sidecars%s%s)%n", r.checked(), r.store(), o.layout().id(),
                o.layout().sidecarAlgorithm().id(), o.deep() ? ", bytes re-hashed" : "",
                o.publicUrl().map(u -> ", anonymous reads at " + u).orElse(""));
        if (!r.ok()) {
            out.println();
            Table table = new Table("PROBLEM", "KEY", "DETAIL");
            for (Problem p : r.problems()) {
                table.row(p.kind().id(), p.key(), p.detail());
            }
            table.print(out);
            out.println();
            out.println("What to do:");
            Map<String, List<Problem>> byFix = new LinkedHashMap<>();
            for (Problem p : r.problems()) {
                byFix.computeIfAbsent(p.kind().id() + "\u0000" + p.fix(), k -> new ArrayList<>()).add(p);
            }
            for (List<Problem> ps : byFix.values()) {
                Problem p = ps.get(0);
                out.printf("  %s (%s): %s%n", p.kind().id(), ps.size() == 1 ? p.key() : ps.size() + " objects", p.fix());
            }
        }
        out.println();
        if (r.ok()) {
            out.printf("No problems: the %d objects are ready for kOps.", r.checked());
        } else {
            out.printf("%d problem%s on %d of %d objects: the mirror is NOT ready for kOps.", r.problems().size(),
                    r.problems().size() == 1 ? "" : "s", r.objectsWithProblems(), r.checked());
        }
        if (r.notChecked() > 0) {
            out.printf(" %d object%s without any sidecar %s not checked (give --lock to check exactly what a cluster needs).", r.notChecked(),
                    r.notChecked() == 1 ? "" : "s", r.notChecked() == 1 ? "was" : "were");
        }
        if (o.deep()) {
            out.printf(" Re-hashed %s in %.1f s.", bytes(r.bytesHashed()), r.took().toMillis() / 1000.0);
        }
        out.println();
    }

    private static Map<String, Object> json(VerifyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("store", r.store());
        m.put("layout", r.options().layout().id());
        m.put("sidecarAlgorithm", r.options().layout().sidecarAlgorithm().id());
        m.put("deep", r.options().deep());
        m.put("publicUrl", r.options().publicUrl().map(PublicUrl::value));
        m.put("ok", r.ok());
        m.put("checked", r.checked());
        m.put("notChecked", r.notChecked());
        m.put("objectsWithProblems", r.objectsWithProblems());
        m.put("bytesHashed", r.bytesHashed());
        m.put("seconds", r.took().toMillis() / 1000.0);
        m.put("problems", r.problems().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("key", p.key());
            pm.put("problem", p.kind().id());
            pm.put("detail", p.detail());
            pm.put("fix", p.fix());
            return pm;
        }).toList());
        return m;
    }

    private static String bytes(long n) {
        if (n >= 1L << 30) {
            return String.format("%.1f GiB", n / (double) (1L << 30));
        }
        if (n >= 1L << 20) {
            return String.format("%.1f MiB", n / (double) (1L << 20));
        }
        if (n >= 1L << 10) {
            return String.format("%.1f KiB", n / (double) (1L << 10));
        }
        return n + " bytes";
    }
}
