package dev.ferry.cli.mirror;

import dev.ferry.cli.FailureReport;
import dev.ferry.error.ManyFailures;
import dev.ferry.format.Json;
import dev.ferry.format.Sizes;
import dev.ferry.mirror.asset.SignatureStatus;
import dev.ferry.mirror.bundle.BundleImages;
import dev.ferry.mirror.bundle.BundleWriter;
import dev.ferry.mirror.fetch.Fetcher;
import dev.ferry.mirror.lock.Lock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A pack's result as people read it (what to carry, then the push command) and as pipelines read it (JSON). */
final class PackView {
    private PackView() {}

    static void starting(PrintWriter err, Lock lock, BundleImages images, Path bundle, Fetcher fetcher) {
        err.println("packing " + Sizes.count(lock.assets().size(), "asset") + (images.isEmpty() ? "" : " and "
                + Sizes.count(images.images().size(), "image")) + " into " + bundle + " (downloads " + fetcher.network()
                + ", cache " + fetcher.cache().root() + ")");
        err.flush();
    }

    static void text(PrintWriter out, BundleWriter.Result result, Lock lock, List<SignatureStatus> signatures, Optional<Path> lockFile,
                     double seconds) {
        long assetBytes = result.header().assetBytes();
        out.printf(Locale.ROOT, "packed %s (%s)%s into %s, ratio %.2f, in %.1f s.%n", Sizes.count(result.header().assets().size(), "asset"),
                Sizes.human(assetBytes), images(result), Sizes.human(result.compressedBytes()), ratio(result), seconds);
        out.println("carry these files:");
        result.files().forEach(f -> out.println("  " + f));
        result.manifest().ifPresent(f -> out.println("  " + f + "   (each part's sha256; push checks it first)"));
        out.println("then, on the other side: ferry mirror push "
                + result.manifest().orElse(result.files().get(0)).getFileName() + " --to s3://BUCKET/PREFIX");
        SignatureNote.of(signatures).ifPresent(out::println);
        UnpinnedNote.of(unpinned(lock), lockFile).ifPresent(out::println);
        out.flush();
    }

    private static String images(BundleWriter.Result result) {
        if (result.header().images().isEmpty()) {
            return "";
        }
        return " and " + Sizes.count(result.header().images().size(), "image") + " (" + Sizes.count(result.header().blobs().size(), "blob")
                + ", " + Sizes.human(result.header().blobBytes()) + ", each blob once)";
    }

    /** The images could not all be copied into the cache's layout: said by cause, and no bundle was written. */
    static void imagesFailed(PrintWriter out, PrintWriter err, ImageSync.Result r, Path bundle, boolean json, boolean verbose) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", false);
            m.put("bundle", bundle.toString());
            m.put("files", List.of());
            m.put("failures", FailureReport.json(ImageSyncView.failures(r.report())));
            out.println(Json.write(m));
            out.flush();
        }
        ImageSyncView.failures(r, verbose, err);
        err.println("  no bundle was written");
        err.flush();
    }

    /** @param signatures what the pack verified of each asset's signature, in lock order */
    static void json(PrintWriter out, Path bundle, BundleWriter.Result result, Lock lock, List<SignatureStatus> signatures, int level,
                     double seconds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("bundle", bundle.toString());
        m.put("files", result.files().stream().map(Path::toString).toList());
        m.put("manifest", result.manifest().map(Path::toString));
        m.put("tarBytes", result.tarBytes());
        m.put("compressedBytes", result.compressedBytes());
        m.put("ratio", Math.round(ratio(result) * 100) / 100.0);
        m.put("level", level);
        List<Object> assets = new ArrayList<>();
        for (int i = 0; i < lock.assets().size(); i++) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("key", lock.assets().get(i).key(lock.layout()));
            a.put("url", lock.assets().get(i).url());
            a.put("signature", signatures.get(i).text());
            assets.add(a);
        }
        m.put("assets", assets);
        m.put("failures", List.of());
        m.put("images", result.header().images().stream().map(i -> Map.of("image", i.reference(), "digest", i.digest())).toList());
        m.put("blobs", result.header().blobs().size());
        m.put("blobBytes", result.header().blobBytes());
        int n = result.header().assets().size();
        m.put("summary", new RunSummary(n, n, 0, 0, 0, unpinned(lock), result.header().assetBytes(), seconds).json());
        out.println(Json.write(m));
        out.flush();
    }

    /** Assets that could not be fetched: one line per cause on stderr; in JSON too when asked for. */
    static void failed(PrintWriter out, PrintWriter err, ManyFailures e, Path bundle, Lock lock, boolean json, boolean verbose, double seconds) {
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", false);
            m.put("bundle", bundle.toString());
            m.put("files", List.of());
            m.put("failures", FailureReport.json(e.failures()));
            m.put("summary", new RunSummary(lock.assets().size(), 0, 0, e.failures().size(), 0, unpinned(lock), 0, seconds).json());
            out.println(Json.write(m));
            out.flush();
        }
        FailureReport.print(err, e.getMessage(), "asset", e.failures(), verbose);
        e.hint().ifPresent(h -> err.println("  then: " + h));
        err.flush();
    }

    private static long unpinned(Lock lock) {
        return lock.assets().stream().filter(a -> !a.hash().isPinned()).count();
    }

    private static double ratio(BundleWriter.Result result) {
        return result.compressedBytes() == 0 ? 0 : (double) result.tarBytes() / result.compressedBytes();
    }
}
