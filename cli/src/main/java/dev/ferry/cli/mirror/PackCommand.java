package dev.ferry.cli.mirror;

import dev.ferry.progress.Progress;
import dev.ferry.cli.Ferry;
import dev.ferry.cli.FerryVersion;
import dev.ferry.cli.JobsOption;
import dev.ferry.cli.FileOutputOption;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.format.ByteSize;
import dev.ferry.format.Json;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.bundle.BundlePack;
import dev.ferry.mirror.bundle.BundleWriter;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine;
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
            "asset is verified, and files stay under .partial names until complete.",
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
    JobsOption jobs;

    @Mixin
    DownloadOptions download;

    @Mixin
    FileOutputOption output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        output.deprecatedFile("--bundle", err).ifPresent(f -> bundle = f);
        int threads = zstdThreads != null ? zstdThreads : Math.min(4, Runtime.getRuntime().availableProcessors());
        BundleWriter.Options options = new BundleWriter.Options(level,
                split == null ? OptionalLong.empty() : OptionalLong.of(split.bytes()), threads);
        Lock lock = what.lockOr(Optional.ofNullable(lockFile));
        byte[] lockBytes = lockFile != null ? LockFile.bytes(lockFile) : LockFile.write(lock).getBytes(StandardCharsets.UTF_8);
        int n = jobs.value();
        if (what.layout().isPresent() && what.layout().get() != lock.layout()) {
            lock = new Lock(lock.generatedBy(), what.layout().get(), lock.selections(), lock.assets());
        }
        long start = System.nanoTime();
        BundleWriter.Result result;
        try (TerminalProgress terminal = TerminalProgress.transfers(err);
             Fetcher fetcher = new Fetcher(download.fetchOptions(n, Ferry.environment(spec)), Progress.root("pack", terminal))) {
            err.println("packing " + lock.assets().size() + " assets into " + bundle + " (downloads " + fetcher.network() + ", cache "
                    + fetcher.cache().root() + ")");
            err.flush();
            result = BundlePack.pack(lock, lockBytes, bundle, options, n, fetcher, FerryVersion.generatedBy(), fetcher.progress());
        }
        print(out, result, (System.nanoTime() - start) / 1e9);
        return 0;
    }

    private void print(PrintWriter out, BundleWriter.Result result, double seconds) {
        long assetBytes = result.header().assetBytes();
        double ratio = result.compressedBytes() == 0 ? 0 : (double) result.tarBytes() / result.compressedBytes();
        if (output.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bundle", bundle.toString());
            m.put("files", result.files().stream().map(Path::toString).toList());
            m.put("manifest", result.manifest().map(Path::toString));
            m.put("assets", result.header().assets().size());
            m.put("assetBytes", assetBytes);
            m.put("tarBytes", result.tarBytes());
            m.put("compressedBytes", result.compressedBytes());
            m.put("ratio", Math.round(ratio * 100) / 100.0);
            m.put("level", level);
            m.put("seconds", Math.round(seconds * 10) / 10.0);
            out.println(Json.write(m));
        } else {
            out.printf(Locale.ROOT, "packed %d assets (%s) into %s, ratio %.2f, in %.1f s.%n", result.header().assets().size(),
                    Sizes.human(assetBytes), Sizes.human(result.compressedBytes()), ratio, seconds);
            out.println("carry these files:");
            result.files().forEach(f -> out.println("  " + f));
            result.manifest().ifPresent(f -> out.println("  " + f + "   (each part's sha256; push checks it first)"));
            out.println("then, on the other side: ferry mirror push "
                    + result.manifest().orElse(result.files().get(0)).getFileName() + " --to s3://BUCKET/PREFIX");
        }
        out.flush();
    }

}
