package dev.ferry.cli.mirror;

import dev.ferry.cli.OutputFormat;
import dev.ferry.cli.Table;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.bundle.AssetHandler;
import dev.ferry.mirror.bundle.BundleAsset;
import dev.ferry.mirror.bundle.BundleHeader;
import dev.ferry.mirror.bundle.BundleReader;
import dev.ferry.mirror.bundle.BundleSource;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.bundle.VerifiedAsset;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.lock.Lock;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ferry mirror inspect}: what a bundle holds, without unpacking it. */
@Command(name = "inspect",
        header = "Show what a bundle holds without unpacking it; --verify checks every byte.",
        mixinStandardHelpOptions = true,
        description = {
            "Show what a bundle holds (versions, arches, files, bytes) from its header",
            "and lock, without unpacking anything to disk. With --verify, stream every",
            "byte and check each part and asset against the lock, as push would.",
            "",
            "Examples:",
            "  ferry mirror inspect ferry-bundle.tar.zst",
            "  ferry mirror inspect ferry-bundle.tar.zst.parts.json --verify",
            "  ferry mirror inspect ferry-bundle.tar.zst --lock-out bundle.lock",
            "  diff bundle.lock ferry.lock"})
public final class InspectCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "BUNDLE", description = "NAME.tar.zst, or a split bundle's .parts.json (or any part).")
    Path bundle;

    @Option(names = "--verify", description = "Read every byte: check each part's sha256 and each asset against the lock.")
    boolean verify;

    @Option(names = "--lock-out", paramLabel = "FILE", description = "Write the lock carried in the bundle to FILE, to review or diff it.")
    Path lockOut;

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat output = OutputFormat.TEXT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        BundleSource source = BundleSource.locate(bundle);
        PrintWriter out = spec.commandLine().getOut();
        BundleProgressLine progress = new BundleProgressLine(spec.commandLine().getErr(), false);
        BundleHeader header;
        Lock lock;
        List<String> problems = new ArrayList<>();
        int verified = 0;
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
            }
        } finally {
            progress.finishPhase();
        }
        Map<String, Asset> byKey = new LinkedHashMap<>();
        lock.assets().forEach(a -> byKey.put(a.key(header.layout()), a));
        Map<String, Integer> arches = new TreeMap<>();
        Map<String, Integer> kinds = new TreeMap<>();
        for (Asset a : lock.assets()) {
            arches.merge(a.archLabel(), 1, Integer::sum);
            kinds.merge(a.kind().name(), 1, Integer::sum);
        }
        long compressed = source.size();
        long bytes = header.assetBytes();
        if (output == OutputFormat.JSON) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("bundle", source.describe());
            m.put("files", source.files().stream().map(Path::toString).toList());
            m.put("compressedBytes", compressed);
            m.put("format", header.version());
            m.put("createdBy", header.createdBy());
            m.put("created", header.created());
            m.put("layout", header.layout().id());
            m.put("lockSha256", header.lockSha256().hex());
            m.put("selections", lock.selections().stream().map(InspectCommand::selection).toList());
            List<Object> assets = new ArrayList<>();
            for (BundleAsset e : header.assets()) {
                Asset a = byKey.get(e.key());
                Map<String, Object> x = new LinkedHashMap<>();
                x.put("key", e.key());
                x.put("kind", a.kind().name());
                x.put("arch", a.arch().map(v -> v.id()));
                x.put("version", a.version());
                x.put("size", e.size());
                x.put("sha256", e.sha256().hex());
                x.put("hashFrom", e.hashFrom());
                assets.add(x);
            }
            m.put("assets", assets);
            m.put("summary", Map.of("assets", header.assets().size(), "bytes", bytes, "byArch", arches, "byKind", kinds));
            m.put("verified", verify ? Optional.of(problems.isEmpty()) : Optional.empty());
            m.put("problems", problems);
            out.println(Json.write(m));
        } else {
            out.printf(Locale.ROOT, "bundle      %s (%s, %s)%n", source.describe(),
                    source.files().size() == 1 ? "one file" : source.files().size() + " parts", Sizes.human(compressed));
            out.printf(Locale.ROOT, "made by     %s at %s; bundle format %d; %s layout%n", header.createdBy(), header.created(),
                    header.version(), header.layout().id());
            for (Selection s : lock.selections()) {
                out.printf(Locale.ROOT, "selection   kOps %s, Kubernetes %s, %s, networking %s%n", s.kops(), s.kubernetes(),
                        s.arches().stream().map(a -> a.id()).collect(Collectors.joining("+")), s.networking().id());
            }
            out.printf(Locale.ROOT, "assets      %d files, %s (%s compressed, ratio %.2f)%n", header.assets().size(), Sizes.human(bytes),
                    Sizes.human(compressed), compressed == 0 ? 0.0 : (double) bytes / compressed);
            out.println("by arch     " + arches.entrySet().stream().map(e -> (e.getKey().equals("-") ? "any arch" : e.getKey()) + " " + e.getValue()).collect(Collectors.joining(", ")));
            out.println();
            Table t = new Table("ARCH", "KIND", "VERSION", "SIZE", "KEY");
            for (BundleAsset e : header.assets()) {
                Asset a = byKey.get(e.key());
                t.row(a.archLabel(), a.kind().name(), a.version(), Sizes.human(e.size()), e.key());
            }
            t.print(out);
            if (verify) {
                out.println();
                out.println(problems.isEmpty() ? "verified: every part and all " + verified + " assets match the lock."
                        : "NOT verified: " + problems.size() + " problem(s):");
                problems.forEach(p -> out.println("  " + p));
            }
            if (lockOut != null) {
                out.println("lock written to " + lockOut);
            }
        }
        out.flush();
        return problems.isEmpty() ? 0 : FerryException.FAILED;
    }

    private static Map<String, Object> selection(Selection s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kops", s.kops());
        m.put("kubernetes", s.kubernetes());
        m.put("arch", s.arches().stream().map(a -> a.id()).toList());
        m.put("networking", s.networking().id());
        return m;
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
