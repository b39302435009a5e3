package dev.ferry.cli.mirror;

import dev.ferry.cli.OutputOption;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.bundle.AssetHandler;
import dev.ferry.mirror.bundle.BundleAsset;
import dev.ferry.mirror.bundle.BundleHeader;
import dev.ferry.mirror.bundle.BundleReader;
import dev.ferry.mirror.bundle.BundleSource;
import dev.ferry.mirror.bundle.VerifiedAsset;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.progress.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror inspect}: what a bundle holds, without unpacking it. */
@Command(name = "inspect",
        header = "Show what a bundle holds without unpacking it; --verify checks every byte.",
        mixinStandardHelpOptions = true,
        description = {
            "Show what a bundle holds (versions, arches, files, images, bytes) from its",
            "header and lock, without unpacking anything to disk. With --verify, stream",
            "every byte and check each part and asset against the lock, and each image",
            "blob against its digest and the header, as push would.",
            "",
            "Examples:",
            "  ferry mirror inspect ferry-bundle.tar.zst",
            "  ferry mirror inspect ferry-bundle.tar.zst.parts.json --verify",
            "  ferry mirror inspect ferry-bundle.tar.zst --lock-out bundle.lock",
            "  diff bundle.lock ferry.lock"})
public final class InspectCommand implements Callable<Integer> {

    @Mixin
    BundleArgument bundle;

    @Option(names = "--verify", description = "Read every byte: check each part's sha256 and each asset against the lock.")
    boolean verify;

    @Option(names = "--lock-out", paramLabel = "FILE", description = "Write the lock carried in the bundle to FILE, to review or diff it.")
    Path lockOut;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        BundleSource source = bundle.locate();
        PrintWriter out = output.out();
        TerminalProgress terminal = TerminalProgress.transfers(output.err());
        Progress progress = Progress.root("verify", terminal);
        BundleHeader header;
        Lock lock;
        List<String> problems = new ArrayList<>();
        int verified = 0;
        int blobs = 0;
        try (BundleReader reader = verify ? BundleReader.open(source, progress) : BundleReader.openForListing(source)) {
            header = reader.header();
            lock = reader.lock();
            if (lockOut != null) {
                write(lockOut, reader.lockBytes());
            }
            if (verify) {
                BundleReader.Outcome outcome = reader.readAssets(new AssetHandler() {
                    @Override
                    public boolean wantsFile(Asset asset, BundleAsset entry) {
                        return false;
                    }

                    @Override
                    public void verified(VerifiedAsset asset) {
                        // counted by the outcome
                    }
                }, Path.of("."), progress);
                problems.addAll(outcome.problems());
                verified = outcome.verified();
                blobs = outcome.blobsVerified();
            }
        } finally {
            terminal.close();
        }
        InspectView view = new InspectView(source, header, lock, verify, problems, verified, blobs, Optional.ofNullable(lockOut));
        if (output.json()) {
            out.println(Json.write(view.json()));
        } else {
            view.text(out);
        }
        out.flush();
        return problems.isEmpty() ? 0 : FerryException.FAILED;
    }

    private static void write(Path file, byte[] bytes) {
        try {
            Files.write(file, bytes);
        } catch (IOException e) {
            throw new FerryException("cannot write " + file + ": " + e.getMessage(), "check the folder exists and is writable",
                    FerryException.FAILED, e);
        }
    }
}
