package dev.ferry.cli.mirror;

import dev.ferry.cli.FerryVersion;
import dev.ferry.cli.OutputFormat;
import dev.ferry.cli.ProgressLine;
import dev.ferry.format.Sizes;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.mirror.bundle.BundlePack;
import dev.ferry.mirror.bundle.BundleWriter;
import dev.ferry.mirror.bundle.ByteSize;
import dev.ferry.mirror.fetch.CachedFile;
import dev.ferry.mirror.sync.CompressedTwin;
import dev.ferry.mirror.fetch.FetchOptions;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
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
            "  ferry mirror pack --lock ferry.lock -o ferry-bundle.tar.zst",
            "  ferry mirror pack --lock ferry.lock -o /media/usb/ferry-bundle.tar.zst \\",
            "      --split 4g --level 6",
            "Then, on the other side:",
            "  ferry mirror push ferry-bundle.tar.zst.parts.json --to s3://my-bucket/kops"})
public final class PackCommand implements Callable<Integer> {

    @Mixin
    PlanOptions what;

    @Option(names = "--lock", paramLabel = "FILE", description = "The lock to pack (from `ferry mirror plan -o ferry.lock`); carried byte for byte.")
    Path lockFile;

    @Option(names = {"-o", "--bundle"}, paramLabel = "FILE", description = "Bundle to write (default: ferry-bundle.tar.zst).")
    Path output = Path.of("ferry-bundle.tar.zst");

    @Option(names = "--split", paramLabel = "SIZE", description = "Cut the bundle into parts of at most SIZE (e.g. 4g, 500m), named FILE.000, FILE.001, ….")
    String split;

    @Option(names = "--level", paramLabel = "N", description = "zstd level, 1 (fastest) to 19 (smallest); default 3.")
    int level = 3;

    @Option(names = "--zstd-threads", paramLabel = "N", description = "Compression threads (default: the number of CPUs, at most 4).")
    Integer zstdThreads;

    @Option(names = "--jobs", paramLabel = "N", description = "Parallel downloads (default: 8).")
    int jobs = 8;

    @Option(names = "--cache", paramLabel = "DIR", description = "Verified download cache, shared with sync (default: ~/.cache/ferry).")
    Path cache;

    @Option(names = "--proxy", paramLabel = "URL", description = "HTTP(S) proxy for downloads (default: HTTPS_PROXY / HTTP_PROXY).")
    String proxy;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat outputFormat = OutputFormat.TEXT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        OptionalLong partSize = split == null ? OptionalLong.empty() : OptionalLong.of(ByteSize.parse(split, "--split"));
        int threads = zstdThreads != null ? zstdThreads : Math.min(4, Runtime.getRuntime().availableProcessors());
        BundleWriter.Options options = new BundleWriter.Options(level, partSize, threads);
        Lock lock = what.lockOr(Optional.ofNullable(lockFile));
        byte[] lockBytes = lockFile != null ? read(lockFile) : LockFile.write(lock).getBytes(StandardCharsets.UTF_8);
        if (jobs < 1 || jobs > 64) {
            throw FerryException.badInput("--jobs " + jobs + " is out of range", "use 1 to 64");
        }
        if (what.layout().isPresent() && what.layout().get() != lock.layout()) {
            lock = new Lock(lock.generatedBy(), what.layout().get(), lock.selections(), lock.assets());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        BundleProgressLine progress = new BundleProgressLine(err, false);
        Map<String, String> env = System.getenv();
        FetchOptions fetchOptions = new FetchOptions(cache != null ? cache : FetchOptions.defaultCacheDir(env), Optional.ofNullable(proxy),
                4, Duration.ofSeconds(1), Duration.ofSeconds(60), Math.max(1, jobs), env);
        long start = System.nanoTime();
        BundleWriter.Result result;
        Lock packed = lock;
        List<BundleWriter.Input> inputs;
        try (ProgressLine downloads = new ProgressLine(err, "downloading");
             Fetcher fetcher = new Fetcher(fetchOptions, downloads.meter())) {
            err.println("packing " + lock.assets().size() + " assets into " + output + " (downloads " + fetcher.network() + ", cache "
                    + fetcher.cache().root() + ")");
            err.flush();
            downloads.meter().planned(lock.assets().size(), lock.assets().stream().mapToLong(a -> a.size().orElse(0)).sum());
            CompressedTwin twins = new CompressedTwin(packed.assets());
            inputs = BundlePack.fetchAll(packed, jobs, asset -> {
                // A cache hit is not re-read here (sync re-reads it once per run): the pack's one pass hashes the bytes
                // as they go into the bundle and refuses any that differ from the verified sha256.
                CachedFile f = fetcher.cache().find(fetcher.expectedHash(asset)).orElseGet(() -> fetcher.fetch(asset, java.util.Set.of()));
                twins.twinOf(asset).ifPresent(twin -> CompressedTwin.check(asset, f.path(), twin, fetcher::expectedHash));
                downloads.meter().fileDone(asset.key(packed.layout()));
                return new BundlePack.Verified(f.path(), f.digests());
            });
        }
        try {
            result = BundleWriter.write(output, options, lockBytes, packed.layout(), inputs, FerryVersion.generatedBy(), progress);
        } finally {
            progress.finishPhase();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long assetBytes = result.header().assetBytes();
        double ratio = result.compressedBytes() == 0 ? 0 : (double) result.tarBytes() / result.compressedBytes();
        if (outputFormat == OutputFormat.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bundle", output.toString());
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
        return 0;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw FerryException.badInput("cannot read the lock " + file + ": " + e.getMessage(), "check the path");
        }
    }
}
