package dev.ferry.cli.mirror;

import dev.ferry.cli.OutputOption;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.lock.LockPinning;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror lock pin}: read the upstream sidecar of every unpinned asset and write its hash into the lock. */
@Command(name = "pin",
        header = "Read the upstream sidecar of every unpinned asset, and each unpinned image's manifest, and pin them in the lock.",
        mixinStandardHelpOptions = true,
        description = {
            "Online. Each checksum file is read once (source mirrors first) and its hash",
            "written into the lock (hash.from: upstream-sidecar, with the sidecar's URL);",
            "what that hash lets be verified of upstream signatures is recorded too;",
            "each image's manifest or index is read and its digest, media type and",
            "platforms written into the lock's images.",
            "The lock is replaced atomically, and only when every hash could be read.",
            "Review the diff, commit it: from then on a file that changes upstream fails",
            "its sync instead of being published.",
            "",
            "Examples:",
            "  ferry mirror lock pin ferry.lock",
            "  ferry mirror lock pin ferry.lock --lock-file ferry.pinned.lock --proxy http://proxy:3128",
            "  ferry mirror lock pin ferry.lock --source-profile global \\",
            "      --source-mirror https://registry.k8s.io=https://harbor.lan/k8s-proxy"})
public final class LockPinCommand implements Callable<Integer> {

    @Mixin
    LockArgument lock;

    @Option(names = "--lock-file", paramLabel = "FILE", description = "Write the pinned lock here instead of over LOCK.")
    Path lockFile;

    @Option(names = "--source-mirror", paramLabel = "PREFIX=URL",
            description = "Read URLs starting with PREFIX from URL first; a registry's URL as PREFIX covers its images. Repeatable.")
    List<SourceMirror> sourceMirrors = new ArrayList<>();

    @Mixin
    DownloadOptions download;

    @Mixin
    RegistryAccessOptions registry;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Lock read = lock.read();
        Path target = lockFile != null ? lockFile : lock.file();
        Optional<LockPinning.Result> pinned = UpstreamReads.pin(SourceMirror.firstFor(read, sourceMirrors), download, "no lock");
        Optional<ImagePins.Result> images = pinned.flatMap(p -> UpstreamReads.pinImages(read.withAssets(hashesOnly(read, p.lock())),
                registry, download, sourceMirrors, "no lock"));
        if (images.isEmpty()) {
            return FerryException.FAILED;
        }
        int n = pinned.get().pinned();
        int m = images.get().pinned();
        Lock written = images.get().lock();
        boolean signaturesChanged = n + m == 0 && !written.equals(read);
        if (n + m > 0 || signaturesChanged || !target.equals(lock.file())) {
            LockFile.write(written, target);
        }
        PrintWriter out = output.out();
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("lock", target.toString());
            json.put("pinned", n);
            json.put("assets", read.assets().size());
            json.put("imagesPinned", m);
            json.put("images", read.images().size());
            out.println(Json.write(json));
        } else if (n + m == 0) {
            out.println("every hash and image digest of " + lock.file() + " was already pinned" + (signaturesChanged
                    ? "; what was verified of its signatures is recorded in " + target
                    : target.equals(lock.file()) ? "; the lock is unchanged" : "; written to " + target));
        } else {
            String what = n == 0 ? Sizes.count(m, "image digest") : Sizes.count(n, "hash", "hashes") + " from upstream sidecars"
                    + (m == 0 ? "" : " and " + Sizes.count(m, "image digest"));
            out.println("pinned " + what + " into " + target + "; review the change (e.g. git diff " + target + ") and commit it");
        }
        out.flush();
        return 0;
    }

    /**
     * The lock's assets with the hashes pinned through the source mirrors and what was verified of their signatures,
     * but their own sources (the mirrors are this run's, not the lock's).
     */
    private static List<Asset> hashesOnly(Lock read, Lock pinned) {
        List<Asset> out = new ArrayList<>();
        for (int i = 0; i < read.assets().size(); i++) {
            Asset p = pinned.assets().get(i);
            out.add(read.assets().get(i).withHash(p.hash()).withSignature(p.signature()));
        }
        return out;
    }
}
