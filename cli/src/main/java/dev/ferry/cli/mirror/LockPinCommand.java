package dev.ferry.cli.mirror;

import dev.ferry.cli.OutputOption;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.lock.LockPinning;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry mirror lock pin}: read the upstream sidecar of every unpinned asset and write its hash into the lock. */
@Command(name = "pin",
        header = "Read the upstream sidecar of every unpinned asset and pin its hash in the lock.",
        mixinStandardHelpOptions = true,
        description = {
            "Online. Each checksum file is read once (source mirrors first) and its hash",
            "written into the lock (hash.from: upstream-sidecar, with the sidecar's URL);",
            "what that hash lets be verified of upstream signatures is recorded too.",
            "The lock is replaced atomically, and only when every hash could be read.",
            "Review the diff, commit it: from then on a file that changes upstream fails",
            "its sync instead of being published.",
            "",
            "Examples:",
            "  ferry mirror lock pin ferry.lock",
            "  ferry mirror lock pin ferry.lock --lock-file ferry.pinned.lock --proxy http://proxy:3128"})
public final class LockPinCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "LOCK", description = "The lock to pin (from ferry mirror plan --lock-file).")
    Path lock;

    @Option(names = "--lock-file", paramLabel = "FILE", description = "Write the pinned lock here instead of over LOCK.")
    Path lockFile;

    @Mixin
    DownloadOptions download;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Lock read = LockFile.read(lock);
        Path target = lockFile != null ? lockFile : lock;
        Optional<LockPinning.Result> pinned = UpstreamReads.pin(read, download, "no lock");
        if (pinned.isEmpty()) {
            return FerryException.FAILED;
        }
        int n = pinned.get().pinned();
        boolean signaturesChanged = !pinned.get().lock().equals(read) && n == 0;
        if (n > 0 || signaturesChanged || !target.equals(lock)) {
            LockFile.write(pinned.get().lock(), target);
        }
        PrintWriter out = output.out();
        if (output.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("lock", target.toString());
            m.put("pinned", n);
            m.put("assets", read.assets().size());
            out.println(Json.write(m));
        } else if (n == 0) {
            out.println("every hash of " + lock + " was already pinned" + (signaturesChanged ? "; what was verified of its signatures is recorded in " + target
                    : target.equals(lock) ? "; the lock is unchanged" : "; written to " + target));
        } else {
            out.println("pinned " + Sizes.count(n, "hash", "hashes") + " from upstream sidecars into " + target
                    + "; review the change (e.g. git diff " + target + ") and commit it");
        }
        out.flush();
        return 0;
    }
}
