package dev.ferry.cli.mirror;

import dev.ferry.progress.Progress;
import dev.ferry.cli.FerryVersion;
import dev.ferry.cli.FileOutputOption;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.error.FerryException;
import dev.ferry.error.ManyFailures;
import dev.ferry.format.ByteSize;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.asset.SignatureStatus;
import dev.ferry.mirror.bundle.BundlePack;
import dev.ferry.mirror.bundle.BundleWriter;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror pack}: everything a lock names, verified, in one bundle to carry across an air gap. */
@Command(name = "pack",
        header = "Download and verify every asset of a lock into one bundle to carry across an air gap.",
        mixinStandardHelpOptions = true,
        description = {
            "Download every asset the lock names (through the verified path and cache",
            "that sync uses) and write them, with the lock, into one zstd-compressed tar",
            "to carry to a site without internet. --split cuts it into parts with a",
            ".parts.json manifest of each part's sha256. Nothing is written before every",
            "asset is verified (its hash, and its upstream signature: --verify-signatures),",
            "and files stay under .partial names until complete.",
            "With --lock, --source-mirror is tried first; flags that change what is",
            "mirrored are refused (plan again). A failure is said once per cause.",
            "",
            "Examples:",
            "  ferry mirror pack --lock ferry.lock --bundle ferry-bundle.tar.zst",
            "  ferry mirror pack --lock ferry.lock \\",
            "      --bundle /media/usb/ferry-bundle.tar.zst --split 4g --level 6",
            "Then, on the other side:",
            "  ferry mirror push ferry-bundle.tar.zst.parts.json --to s3://my-bucket/kops"})
public final class PackCommand implements Callable<Integer> {

    @Mixin
    PlanOptions what;

    @Option(names = "--lock", paramLabel = "FILE", description = "The lock to pack (from `ferry mirror plan --lock-file ferry.lock`); carried byte for byte.")
    Path lockFile;

    @Option(names = "--bundle", paramLabel = "FILE", description = "Bundle to write (default: ferry-bundle.tar.zst).")
    Path bundle = Path.of("ferry-bundle.tar.zst");

    @Option(names = "--split", paramLabel = "SIZE", description = "Cut the bundle into parts of at most SIZE (e.g. 4g, 500m), named FILE.000, FILE.001, ….")
    ByteSize split;

    @Option(names = "--level", paramLabel = "N", description = "zstd level, 1 (fastest) to 19 (smallest); default 3.")
    int level = 3;

    @Option(names = "--zstd-threads", paramLabel = "N", description = "Compression threads (default: the number of CPUs, at most 4).")
    Integer zstdThreads;

    @Mixin
    DownloadOptions download;

    @Mixin
    FileOutputOption output;

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        output.deprecatedFile("--bundle", err).ifPresent(f -> bundle = f);
        int threads = zstdThreads != null ? zstdThreads : Math.min(4, Runtime.getRuntime().availableProcessors());
        BundleWriter.Options options = new BundleWriter.Options(level,
                split == null ? OptionalLong.empty() : OptionalLong.of(split.bytes()), threads);
        Lock lock = what.lockOr(Optional.ofNullable(lockFile));
        byte[] lockBytes = lockFile != null ? LockFile.bytes(lockFile) : LockFile.write(lock).getBytes(StandardCharsets.UTF_8);
        int n = download.jobs();
        if (what.layout().isPresent() && what.layout().get() != lock.layout()) {
            lock = lock.withLayout(what.layout().get());
        }
        long start = System.nanoTime();
        BundleWriter.Result result;
        List<SignatureStatus> signatures;
        try (TerminalProgress terminal = TerminalProgress.transfers(err);
             Fetcher fetcher = download.fetcher(Progress.root("pack", terminal))) {
            err.println("packing " + Sizes.count(lock.assets().size(), "asset") + " into " + bundle + " (downloads " + fetcher.network()
                    + ", cache " + fetcher.cache().root() + ")");
            err.flush();
            result = BundlePack.pack(lock, lockBytes, bundle, options, n, fetcher, FerryVersion.generatedBy(), fetcher.progress());
            signatures = lock.assets().stream().map(a -> fetcher.signatureChecked(a).orElse(SignatureStatus.NOT_CHECKED)).toList();
        } catch (ManyFailures e) {
            PackView.failed(out, err, e, bundle, lock, output.json(), download.verbose(), (System.nanoTime() - start) / 1e9);
            return FerryException.FAILED;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (output.json()) {
            PackView.json(out, bundle, result, lock, signatures, level, seconds);
        } else {
            PackView.text(out, result, lock, signatures, Optional.ofNullable(lockFile), seconds);
        }
        return 0;
    }
}
