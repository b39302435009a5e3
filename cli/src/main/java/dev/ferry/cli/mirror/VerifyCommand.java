package dev.ferry.cli.mirror;

import dev.ferry.cli.Ferry;
import dev.ferry.cli.JobsOption;
import dev.ferry.cli.LayoutOption;
import dev.ferry.cli.OutputOption;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.error.FerryException;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.env.PublicUrl;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.MirrorTarget;
import dev.ferry.mirror.store.S3Options;
import dev.ferry.mirror.verify.Verifier;
import dev.ferry.mirror.verify.VerifyOptions;
import dev.ferry.mirror.verify.VerifyReport;
import dev.ferry.progress.Progress;
import dev.ferry.registry.ref.RegistryTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror verify}: prove a mirror works for kOps before a node boots from it. */
@Command(name = "verify",
        header = "Check that a mirror will work for kOps, before a node boots from it.",
        mixinStandardHelpOptions = true,
        description = {
            "It checks:",
            "  - every object is there, with its sidecar, holding the right hash in the",
            "    layout's algorithm (sha256 for kops, sha1 for legacy);",
            "  - sizes match the lock; S3 ETags are single-part MD5s (not multipart);",
            "  - --deep re-hashes every byte;",
            "  - --public-url reads each sidecar and the first byte of each object",
            "    WITHOUT credentials, as kOps and nodes do, and reports 403, 404 and",
            "    redirects to another region.",
            "Without --lock, every object that has a sidecar is checked.",
            "--registry R checks the lock's images in R under the names kOps asks",
            "for (--image-naming): each by its pinned digest, every platform's",
            "manifest there, every blob there (HEAD). --registry alone checks only",
            "images; with --to as well, files and images in one table.",
            "Prints each problem with its fix. Exit code 0: ready; 1: problems found.",
            "",
            "Examples:",
            "  ferry mirror verify --to s3://my-bucket/kops --region cn-north-1 \\",
            "      --lock ferry.lock \\",
            "      --public-url https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops",
            "  ferry mirror verify --to file:./mirror --deep",
            "  ferry mirror verify --to file:./mirror --public-url http://10.0.0.5:8080 \\",
            "      --output json",
            "  ferry mirror verify --lock ferry.lock --registry harbor.example.cn/k8s \\",
            "      --anonymous",
            "  ferry mirror verify --lock ferry.lock --profile china --image-naming registry \\",
            "      --registry 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops"})
public final class VerifyCommand implements Callable<Integer> {

    @Mixin
    TargetOptions where;

    @Option(names = "--lock", paramLabel = "FILE", description = "Check exactly the assets of this lock (sizes and hashes from it too).")
    Path lock;

    @Mixin
    LayoutOption layout;

    @Option(names = "--deep", description = "Read every object and re-hash its bytes (reads the whole mirror).")
    boolean deep;

    @Mixin
    PublicUrlOption publicUrl;

    @Mixin
    RegistryOptions registry;

    @Option(names = "--anonymous", description = "Check the images WITHOUT credentials, as containerd pulls the sandbox image (pause).")
    boolean anonymous;

    @Mixin
    RegistryAccessOptions registryAccess;

    @Mixin
    JobsOption jobs;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Optional<Lock> locked = Optional.ofNullable(lock).map(LockFile::read);
        Optional<RegistryTarget> images = registry.target();
        if (images.isPresent() && locked.isEmpty()) {
            throw FerryException.badInput("--registry checks the images of a lock, and no --lock was given", "give --lock ferry.lock");
        }
        where.withImages(images.isPresent());
        Optional<VerifyReport> files = images.isEmpty() || where.given() ? Optional.of(files(locked)) : Optional.empty();
        Optional<ImageVerify.Result> checked = images.map(t -> images(locked.get(), t));
        PrintWriter out = output.out();
        VerifyView.print(out, files, checked, output.json());
        boolean ok = files.map(VerifyReport::ok).orElse(true) && checked.map(c -> c.problems().isEmpty()).orElse(true);
        return ok ? 0 : FerryException.FAILED;
    }

    private VerifyReport files(Optional<Lock> locked) {
        MirrorTarget target = where.target();
        S3Options s3 = where.s3(target);
        Optional<PublicUrl> url = publicUrl.value();
        if (url.isPresent() && url.get().isS3Scheme()) {
            throw FerryException.badInput("--public-url must be the http(s) URL kOps reads, not " + url.get(),
                    "e.g. --public-url https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops");
        }
        Layout l = layout.value().orElse(locked.map(Lock::layout).orElse(Layout.KOPS));
        String sync = "ferry mirror sync --lock " + (lock == null ? "ferry.lock" : lock) + " " + where.flags(target);
        VerifyOptions options = new VerifyOptions(l, deep, url, jobs.value(), sync);
        PrintWriter err = output.err();
        HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Ferry.environment(output.command())));
        TerminalProgress terminal = TerminalProgress.transfers(err);
        Verifier verifier = new Verifier(options, http, Progress.root("verify", terminal));
        VerifyReport report;
        try (http; terminal; MirrorStore store = target.open(s3)) {
            report = locked.map(lk -> verifier.verify(store, lk)).orElseGet(() -> verifier.verifyAll(store));
        }
        if (report.checked() == 0 && report.ok()) {
            throw new FerryException("found no object with a sidecar in " + report.store() + ", so nothing was verified",
                    "check --to" + (target instanceof MirrorTarget.Bucket ? ", --region and --endpoint" : "")
                            + ", or give --lock ferry.lock to check exactly what a cluster needs");
        }
        return report;
    }

    private ImageVerify.Result images(Lock locked, RegistryTarget target) {
        return ImageVerify.check(locked, lock, target, registry, registryAccess, where.profile(), jobs.value(), anonymous, output.command());
    }
}
