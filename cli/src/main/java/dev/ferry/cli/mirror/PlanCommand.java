package dev.ferry.cli.mirror;

import dev.ferry.cli.FileOutputOption;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.lock.LockPinning;
import dev.ferry.mirror.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror plan}: the exact list of files a kOps cluster downloads, and the images it pulls, offline. */
@Command(name = "plan",
        header = "List exactly which files a kOps cluster will download, and which images it pulls; write the lock.",
        mixinStandardHelpOptions = true,
        description = {
            "Each file comes with its mirror key and expected hash. Works offline: the",
            "hash of every file kOps's own tables list (Kubernetes, containerd, runc,",
            "CNI, crictl) is pinned from them. --resolve reads the upstream sidecar of",
            "the others (nodeup, protokube, channels, …) and pins those too, and checks",
            "what the hash lets be checked of upstream signatures (runc's signed",
            "checksum list, Kubernetes' sigstore signatures): the lock's signature: says it.",
            "The lock it writes is what sync, pack, push and verify read.",
            "The images (IMAGES) are the core set of an AWS cluster with kOps's default add-ons; --image adds others.",
            "The lock lists them too; --resolve pins their digests (else the first sync --registry does).",
            "",
            "Examples:",
            "  ferry mirror plan --kops 1.30.4 --kubernetes 1.30.0",
            "  ferry mirror plan --kops 1.30.4 --kubernetes 1.30.0 --resolve \\",
            "      --lock-file ferry.lock",
            "  ferry mirror plan --kops 1.30.4 --resolve=files --lock-file ferry.lock",
            "  ferry mirror plan --kops 1.30.4 --dns none \\",
            "      --image docker.io/calico/node:v3.31.6",
            "  ferry mirror plan --kops 1.30.4 --arch amd64 --networking amazonvpc \\",
            "      --kops-images --lock-file ferry.lock",
            "  ferry mirror plan --kops 1.30.4 --networking amazonvpc --resolve \\",
            "      --source-profile global --lock-file ferry.lock   # VPC CNI images: ECR",
            "  kops get assets -o yaml > assets.yaml",
            "  ferry mirror plan --from-kops-assets assets.yaml --lock-file ferry.lock"})
public final class PlanCommand implements Callable<Integer> {

    @Mixin
    PlanOptions what;

    @Option(names = "--lock-file", paramLabel = "FILE", description = "Write the lock to FILE (e.g. ferry.lock).")
    Path lockFile;

    @Option(names = "--resolve", arity = "0..1", fallbackValue = "all", paramLabel = "WHAT",
            description = "Online: read the upstream sidecar of every file the lock would leave unpinned and pin its hash (hash.from: upstream-sidecar, with the sidecar's URL), and verify the signatures that sign it (--verify-signatures); read each image's manifest or index and pin its digest, media type and platforms. --resolve=files pins the files alone (where the registries cannot be reached; the first sync --registry pins the images), --resolve=images the images alone. The download flags below apply.")
    String resolve;

    @Mixin
    DownloadOptions download;

    @Mixin
    RegistryAccessOptions registry;

    @Mixin
    FileOutputOption output;

    @Override
    public Integer call() {
        PrintWriter err = output.err();
        output.deprecatedFile("--lock-file", err).ifPresent(f -> lockFile = f);
        Plan plan = what.plan();
        Lock lock = plan.lock();
        if (resolve != null) {
            Optional<Lock> pinned = resolved(lock, ResolveScope.parse(resolve));
            if (pinned.isEmpty()) {
                return FerryException.FAILED;
            }
            lock = pinned.get();
        }
        if (lockFile != null) {
            LockFile.write(lock, lockFile);
        }
        PrintWriter out = output.out();
        if (output.json()) {
            out.println(Json.write(PlanView.json(plan, lock, Optional.ofNullable(lockFile))));
        } else {
            PlanView.text(out, plan, lock, Optional.ofNullable(lockFile));
        }
        out.flush();
        return 0;
    }

    /** The lock with what {@code scope} names pinned; empty after saying why, and that nothing or no lock was written. */
    private Optional<Lock> resolved(Lock lock, ResolveScope scope) {
        String unwritten = lockFile == null ? "nothing" : "no lock";
        Lock out = lock;
        if (scope.files()) {
            Optional<LockPinning.Result> pinned = UpstreamReads.pin(out, download, unwritten);
            if (pinned.isEmpty()) {
                return Optional.empty();
            }
            out = pinned.get().lock();
        }
        if (scope.images()) {
            Optional<ImagePins.Result> images = UpstreamReads.pinImages(out, registry, download, what.imageSourceMirrors(), unwritten);
            if (images.isEmpty()) {
                output.err().println("  or: --resolve=files pins the files alone; the first sync --lock … --registry … pins the images");
                return Optional.empty();
            }
            out = images.get().lock();
        }
        return Optional.of(out);
    }
}
