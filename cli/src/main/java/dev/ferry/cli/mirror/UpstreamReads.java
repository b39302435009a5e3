package dev.ferry.cli.mirror;

import dev.ferry.cli.FailureReport;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockPinning;
import dev.ferry.progress.Progress;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.function.Function;

/** The online part of plan --resolve and the lock commands: a fetcher for reading upstream checksum files. */
final class UpstreamReads {
    private UpstreamReads() {}

    /**
     * The lock with every unpinned hash read from its upstream sidecar and pinned, and what that hash lets be verified
     * of each signature recorded ({@code --verify-signatures}); empty, after saying why once per cause, when some
     * could not be read or a signature was refused ({@code unwritten} names what was then not written).
     */
    static Optional<LockPinning.Result> pin(Lock lock, DownloadOptions download, String unwritten) {
        LockPinning.Result pinned = with(download, "reading upstream sidecars and signatures",
                f -> LockPinning.pinAndCheck(lock, f::upstreamHash, f::checkSignaturesOfHash, download.jobs()));
        if (pinned.failures().isEmpty()) {
            return Optional.of(pinned);
        }
        FailureReport.print(download.command.commandLine().getErr(), pinned.failures().size() + " of " + Sizes.count(lock.assets().size(), "file")
                + " could not be pinned (checksum file unreadable, or signature refused); " + unwritten + " was written", "file",
                pinned.failures(), download.verbose());
        return Optional.empty();
    }

    static <T> T with(DownloadOptions download, String what, Function<Fetcher, T> work) {
        PrintWriter err = download.command.commandLine().getErr();
        try (TerminalProgress terminal = TerminalProgress.transfers(err);
             Fetcher fetcher = download.fetcher(Progress.root(what, terminal))) {
            err.println(what + " (downloads " + fetcher.network() + ")");
            err.flush();
            return work.apply(fetcher);
        }
    }
}
