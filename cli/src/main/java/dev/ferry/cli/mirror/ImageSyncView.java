package dev.ferry.cli.mirror;

import dev.ferry.cli.FailureReport;
import dev.ferry.cli.Table;
import dev.ferry.error.FailureGroups;
import dev.ferry.format.Sizes;
import dev.ferry.registry.copy.CopyReport;
import dev.ferry.registry.copy.ImageResult;
import dev.ferry.registry.copy.ImageResult.Status;
import dev.ferry.registry.oci.Platform;
import dev.ferry.registry.ref.ImageMapping;
import dev.ferry.registry.ref.RegistryTarget;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The images half of a sync as people read it (a table, a summary, the kOps setting) and as pipelines read it (JSON). */
final class ImageSyncView {
    private ImageSyncView() {}

    /** Copied and failed images are listed (present ones too with {@code -v}); failures are said by cause, on stderr. */
    static void text(ImageSync.Result r, boolean verbose, PrintWriter out) {
        CopyReport report = r.report();
        Table table = new Table("STATUS", "IMAGE", "TARGET", "DIGEST");
        for (ImageResult i : report.images()) {
            if (i.status() != Status.PRESENT || verbose) {
                table.row(i.status().name().toLowerCase(Locale.ROOT), i.name(), target(r.planned(), i.name()),
                        i.status() == Status.FAILED ? "see below" : i.digest().map(d -> ImageView.shortDigest(d.toString())).orElse(""));
            }
        }
        if (!table.isEmpty()) {
            table.print(out);
            out.println();
        }
        double seconds = r.took().toMillis() / 1000.0;
        out.printf(Locale.ROOT, "Copied images to %s in %.1f s: %s%s.%n", r.planned().target().describe(), seconds, report.summary(),
                report.bytesCopied() == 0 || seconds <= 0 ? "" : ", " + Sizes.human((long) (report.bytesCopied() / seconds)) + "/s");
        out.println(setting(r.planned()));
        if (r.pinned() > 0) {
            out.println(r.pinnedInto().map(f -> "pinned " + Sizes.count(r.pinned(), "image digest") + " into " + f + " (their first sync): "
                    + "review the change (e.g. git diff " + f + ") and commit it")
                    .orElse("note: " + Sizes.count(r.pinned(), "image was", "images were") + " pinned for this run only; keep the pins with "
                            + "ferry mirror plan (the same plan flags) --resolve --lock-file ferry.lock, then sync --lock ferry.lock"));
        }
    }

    /** A dry run: the names the images would get; nothing was read or written. */
    static void dryRun(ImageSync.Planned p, PrintWriter out) {
        Table table = new Table("WOULD COPY", "TARGET");
        p.mappings().forEach(m -> table.row(m.canonical(), m.target()));
        table.print(out);
        out.println();
        out.printf("Dry run for images to %s: %s, each copied unless already there; nothing was read or written.%n", p.target().describe(),
                Sizes.count(p.mappings().size(), "image"));
        out.println(setting(p));
    }

    /** What kOps is given to pull the images from there. */
    static String setting(ImageSync.Planned p) {
        if (p.target() instanceof RegistryTarget.Remote r) {
            return "kOps finds them with " + p.naming().kopsField() + ": " + r.setting() + " (docs/images.md)";
        }
        return "The layout names each image by its canonical name: carry the folder across, then push it into the regional registry.";
    }

    private static String target(ImageSync.Planned p, String canonical) {
        return p.mappings().stream().filter(m -> m.canonical().equals(canonical)).map(ImageMapping::target).findFirst().orElse("");
    }

    static Map<String, Object> json(ImageSync.Planned p, Optional<ImageSync.Result> result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registry", p.target().describe());
        m.put("naming", p.naming().id());
        m.put("kopsSetting", p.target() instanceof RegistryTarget.Remote r ? Map.of(p.naming().kopsField(), r.setting()) : Map.of());
        m.put("dryRun", result.isEmpty());
        m.put("warnings", p.warnings());
        if (result.isEmpty()) {
            m.put("images", p.mappings().stream().map(i -> Map.of("image", i.canonical(), "target", i.target(), "status", "would-copy")).toList());
            return m;
        }
        CopyReport report = result.get().report();
        m.put("images", report.images().stream().map(i -> image(p, i)).toList());
        m.put("failures", FailureReport.json(failures(report)));
        m.put("pinned", result.get().pinned());
        m.put("lockWritten", result.get().pinnedInto().map(Path::toString));
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("images", report.images().size());
        summary.put("copied", report.count(Status.COPIED));
        summary.put("present", report.count(Status.PRESENT));
        summary.put("failed", report.count(Status.FAILED));
        summary.put("blobsCopied", report.blobsCopied());
        summary.put("blobsMounted", report.blobsMounted());
        summary.put("blobsPresent", report.blobsPresent());
        summary.put("bytes", report.bytesCopied());
        summary.put("seconds", Math.round(result.get().took().toMillis() / 100.0) / 10.0);
        m.put("summary", summary);
        return m;
    }

    private static Map<String, Object> image(ImageSync.Planned p, ImageResult i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("image", i.name());
        m.put("target", target(p, i.name()));
        m.put("status", i.status().name().toLowerCase(Locale.ROOT));
        m.put("digest", i.digest().map(Object::toString));
        m.put("mediaType", i.mediaType());
        m.put("platforms", i.platforms().stream().map(Platform::toString).toList());
        m.put("cause", i.failure().map(FailureGroups::cause));
        return m;
    }

    /** The failures on stderr, one line per cause, then what to do about each. */
    static void failures(ImageSync.Result r, boolean verbose, PrintWriter err) {
        CopyReport report = r.report();
        long done = report.count(Status.COPIED) + report.count(Status.PRESENT);
        FailureReport.print(err, report.count(Status.FAILED) + " of " + Sizes.count(report.images().size(), "image") + " failed and "
                + (report.count(Status.FAILED) == 1 ? "is" : "are") + " not tagged in " + r.planned().target().describe()
                + (done == 0 ? "" : "; the other " + done + " are there"), "image", failures(report), verbose);
        err.println("  then run the same command again: what is already there is not sent again");
        err.flush();
    }

    static List<FailureGroups.Failure> failures(CopyReport report) {
        return report.images().stream().filter(i -> i.failure().isPresent())
                .map(i -> new FailureGroups.Failure(i.name(), i.failure().get())).toList();
    }
}
