package dev.ferry.cli.mirror;

import dev.ferry.cli.FailureReport;
import dev.ferry.cli.OutputOption;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.catalog.Catalog;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockCheck;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror lock verify}: the lock's pinned hashes against Ferry's catalog and, online, the upstream sidecars. */
@Command(name = "verify",
        header = "Check a lock's pinned hashes against Ferry's catalog and, online, the upstream sidecars.",
        mixinStandardHelpOptions = true,
        description = {
            "Offline: every pinned hash of a file Ferry's catalog knows (kOps's tables,",
            "the catalog's own pins) must be the catalog's. --online: every pinned hash",
            "that names its upstream checksum file must be what that file says now.",
            "Exit 1 names each hash that disagrees (a hand edit, a file changed upstream).",
            "",
            "Examples:",
            "  ferry mirror lock verify ferry.lock",
            "  ferry mirror lock verify ferry.lock --online -o json"})
public final class LockVerifyCommand implements Callable<Integer> {

    @Mixin
    LockArgument lock;

    @Option(names = "--online", description = "Also read each pinned asset's upstream checksum file and compare (the download flags below apply).")
    boolean online;

    @Mixin
    DownloadOptions download;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        Lock read = lock.read();
        Catalog catalog = Catalog.builtIn();
        int n = download.jobs();
        LockCheck.Result r = online
                ? UpstreamReads.with(download, "reading upstream sidecars", f -> LockCheck.check(read, catalog, Optional.of(f::upstreamHash), n))
                : LockCheck.check(read, catalog, Optional.empty(), n);
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        if (output.json()) {
            out.println(Json.write(json(read, r)));
        } else {
            out.printf("Checked %s: %s against Ferry's catalog%s; %d unpinned (nothing to compare: ferry mirror lock pin %s pins them).%n",
                    lock.file(), Sizes.count(r.againstCatalog(), "pinned hash", "pinned hashes"),
                    online ? ", " + r.online() + " against their upstream checksum file" : " (--online also reads the upstream sidecars)",
                    r.unpinned(), lock.file());
        }
        out.flush();
        if (!r.disagreements().isEmpty()) {
            err.println("error: " + Sizes.count(r.disagreements().size(), "pinned hash disagrees", "pinned hashes disagree") + ":");
            r.disagreements().forEach(d -> err.println("  " + d.describe()));
            err.println("  what to do: find out which is right before any sync: plan the lock again, or correct the hash; a file changed"
                    + " upstream after the lock was reviewed is not the one that was reviewed");
        }
        if (!r.unreadable().isEmpty()) {
            FailureReport.print(err, Sizes.count(r.unreadable().size(), "checksum file") + " could not be read", "file", r.unreadable(), download.verbose());
        }
        err.flush();
        return r.ok() ? 0 : FerryException.FAILED;
    }

    private Map<String, Object> json(Lock read, LockCheck.Result r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("lock", lock.file().toString());
        m.put("ok", r.ok());
        m.put("disagreements", r.disagreements().stream().map(d -> {
            Map<String, Object> dm = new LinkedHashMap<>();
            dm.put("key", d.key());
            dm.put("url", d.asset().url());
            dm.put("pinned", d.pinned().toString());
            dm.put("other", d.other().toString());
            dm.put("source", d.otherSource());
            return dm;
        }).toList());
        m.put("failures", FailureReport.json(r.unreadable()));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("assets", read.assets().size());
        summary.put("unpinned", r.unpinned());
        summary.put("againstCatalog", r.againstCatalog());
        summary.put("online", r.online());
        m.put("summary", summary);
        return m;
    }
}
