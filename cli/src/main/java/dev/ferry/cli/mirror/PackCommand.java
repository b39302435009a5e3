package dev.ferry.cli.mirror;

import dev.ferry.cli.Ferry;
import dev.ferry.cli.FerryVersion;
import dev.ferry.cli.FileOutputOption;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.error.FerryException;
import dev.ferry.error.ManyFailures;
import dev.ferry.format.ByteSize;
import dev.ferry.mirror.asset.SignatureStatus;
import dev.ferry.mirror.bundle.BundleImages;
import dev.ferry.mirror.bundle.BundlePack;
import dev.ferry.mirror.bundle.BundleWriter;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.progress.Progress;
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
        header = "Download and verify every asset and image of a lock into one bundle to carry across an air gap.",
        mixinStandardHelpOptions = true,
        description = {
            "Download every asset the lock names (through the verified path and cache",
            "that sync uses) and write them, with the lock, into one zstd-compressed tar",
            "to carry to a site without internet. --split cuts it into parts with a",
            ".parts.json manifest of each part's sha256. Nothing is written before every",
            "asset is verified (its hash, and its upstream signature: --verify-signatures),",
            "and files stay under .partial names until complete.",
            "The lock's images go in the same bundle as an OCI image layout (every blob",
            "once), copied byte for byte via the cache; images the lock does not pin yet",
            "are pinned and the pins written into the lock file, as sync --registry does.",
            "With --lock, --source-mirror is tried first; flags that change what is",
            "mirrored are refused (plan again). A failure is said once per cause.",
            "",
            "Examples:",
            "  ferry mirror pack --lock ferry.lock --bundle ferry-bundle.tar.zst",
            "  ferry mirror pack --lock ferry.lock \\",
            "      --bundle /media/usb/ferry-bundle.tar.zst --split 4g --level 6",
            "Then, on the other side:",
            "  ferry mirror push ferry-bundle.tar.zst.parts.json --to s3://my-bucket/kops \\",
            "      --registry 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops"})
public final class PackCommand implements Callable<Integer> {

    @Mixin
    LockInput input;

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
    RegistryAccessOptions registryAccess;

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
        Lock lock = load();
        byte[] lockBytes = input.file().isPresent() ? LockFile.bytes(input.file().get()) : LockFile.write(lock).getBytes(StandardCharsets.UTF_8);
        int n = download.jobs();
        long start = System.nanoTime();
        BundleWriter.Result result;
        List<SignatureStatus> signatures;
        try (TerminalProgress terminal = TerminalProgress.transfers(err);
             Fetcher fetcher = download.fetcher(Progress.root("pack", terminal))) {
            BundleImages images = BundleImages.NONE;
            if (!lock.images().isEmpty()) {
                ImagePack.Staged staged = images(lock, fetcher.cache().root(), terminal, err);
                if (staged.images().isEmpty()) {
                    PackView.imagesFailed(out, err, staged.copy(), bundle, output.json(), download.verbose());
                    return FerryException.FAILED;
                }
                images = staged.images().get();
                if (staged.copy().pinnedInto().isPresent()) { // the bundle carries the lock with the pins this run wrote
                    lock = load();
                    lockBytes = LockFile.bytes(input.file().orElseThrow());
                }
            }
            PackView.starting(err, lock, images, bundle, fetcher);
            result = BundlePack.pack(lock, lockBytes, bundle, options, n, fetcher, images, FerryVersion.generatedBy(), fetcher.progress());
            signatures = lock.assets().stream().map(a -> fetcher.signatureChecked(a).orElse(SignatureStatus.NOT_CHECKED)).toList();
        } catch (ManyFailures e) {
            PackView.failed(out, err, e, bundle, lock, output.json(), download.verbose(), (System.nanoTime() - start) / 1e9);
            return FerryException.FAILED;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (output.json()) {
            PackView.json(out, bundle, result, lock, signatures, level, seconds);
            return 0;
        }
        PackView.text(out, result, lock, signatures, input.file(), seconds);
        return 0;
    }

    private Lock load() {
        Lock lock = input.read();
        Optional<Layout> layout = input.plan().layout();
        return layout.isPresent() && layout.get() != lock.layout() ? lock.withLayout(layout.get()) : lock;
    }

    private ImagePack.Staged images(Lock lock, Path cache, TerminalProgress terminal, PrintWriter err) {
        try (ImageAccess access = ImageAccess.open(registryAccess, download, input.plan().imageSourceMirrors(), Optional.empty(), Optional.empty(),
                download.jobs(), Ferry.environment(output.command()), false)) {
            return ImagePack.stage(lock, input.file(), cache, access, download.jobs(), Progress.root("copying images", terminal), err);
        }
    }
}
