package dev.ferry.cli.mirror;

import dev.ferry.cli.FailureReport;
import dev.ferry.cli.Ferry;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockPinning;
import dev.ferry.progress.Progress;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The online part of plan --resolve and the lock commands: upstream checksum files read by a fetcher, image manifests from registries. */
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
        FailureReport.print(download.err(), pinned.failures().size() + " of " + Sizes.count(lock.assets().size(), "file")
                + " could not be pinned (checksum file unreadable, or signature refused); " + unwritten + " was written", "file",
                pinned.failures(), download.verbose());
        return Optional.empty();
    }

    /**
     * The lock with every image read from its sources and pinned (digest, media type, platforms); empty, after saying
     * why once per cause, when some could not be read.
     */
    static Optional<ImagePins.Result> pinImages(Lock lock, RegistryAccessOptions registry, DownloadOptions download, List<SourceMirror> mirrors,
                                                String unwritten) {
        long toRead = lock.images().stream().filter(i -> !i.isResolved()).count();
        if (toRead == 0) {
            return Optional.of(new ImagePins.Result(lock, 0, List.of()));
        }
        PrintWriter err = download.err();
        err.println("reading the manifests of " + Sizes.count(toRead, "image") + (mirrors.isEmpty() ? "" : " (source mirrors first)"));
        err.flush();
        ImagePins.Result pinned;
        try (ImageAccess access = ImageAccess.open(registry, download, mirrors, Optional.empty(), Optional.empty(), download.jobs(),
                Ferry.environment(download.command()), false)) {
            pinned = ImagePins.pin(lock, access.registry(), download.jobs());
        }
        if (pinned.failures().isEmpty()) {
            return Optional.of(pinned);
        }
        FailureReport.print(err, pinned.failures().size() + " of " + Sizes.count(toRead, "image") + " could not be pinned, as their manifest"
                + " could not be read; " + unwritten + " was written", "image", pinned.failures(), download.verbose());
        return Optional.empty();
    }

    static <T> T with(DownloadOptions download, String what, Function<Fetcher, T> work) {
        PrintWriter err = download.err();
        try (TerminalProgress terminal = TerminalProgress.transfers(err);
             Fetcher fetcher = download.fetcher(Progress.root(what, terminal))) {
            err.println(what + " (downloads " + fetcher.network() + ")");
            err.flush();
            return work.apply(fetcher);
        }
    }
}
