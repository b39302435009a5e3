package dev.ferry.cli.mirror;

import dev.ferry.cli.Table;
import dev.ferry.mirror.catalog.Origin;
import dev.ferry.mirror.catalog.PlannedImage;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockedImage;
import dev.ferry.mirror.plan.Plan;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** How the images of a plan look: the IMAGES table of {@code plan}, and in {@code --output json}. */
final class ImageView {
    private ImageView() {}

    static Map<String, Object> json(PlannedImage i, Lock lock) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", i.reference());
        m.put("kind", i.kind());
        Origin o = i.origin();
        m.put("origin", o instanceof Origin.Read r ? Map.of("read", r.where())
                : o instanceof Origin.Unconfirmed u ? Map.of("unconfirmed", u.why()) : Map.of("given", ((Origin.Given) o).where()));
        Optional<LockedImage> locked = locked(lock, i);
        m.put("digest", locked.flatMap(LockedImage::digest));
        m.put("mediaType", locked.flatMap(LockedImage::mediaType));
        m.put("platforms", locked.map(LockedImage::platforms).orElse(java.util.List.of()));
        m.put("download", locked.flatMap(LockedImage::download));
        return m;
    }

    /** The image notes, then one row per image; nothing when the plan has neither. */
    static void print(PrintWriter out, Plan plan, Lock lock) {
        if (plan.images().isEmpty() && plan.imageNotes().isEmpty()) {
            return;
        }
        out.println();
        for (String note : plan.imageNotes()) {
            out.println("note: " + note);
        }
        Table table = new Table("IMAGE", "KIND", "DIGEST", "FROM");
        for (PlannedImage i : plan.images()) {
            table.row(i.reference(), i.kind(), locked(lock, i).flatMap(LockedImage::digest).map(ImageView::shortDigest).orElse("unpinned"),
                    i.origin().describe());
        }
        if (!table.isEmpty()) {
            table.print(out);
            long unpinned = unpinned(lock);
            out.printf("%d container images, each with every platform it has: %d pinned, %d unpinned%s.%n", plan.images().size(),
                    lock.images().size() - unpinned, unpinned, unpinned == 0 ? ""
                            : " (pinned by plan --resolve, ferry mirror lock pin, or the first ferry mirror sync --lock … --registry …)");
        }
    }

    static long unpinned(Lock lock) {
        return lock.images().stream().filter(i -> !i.isPinned()).count();
    }

    /** {@code sha256:} and the first 12 hex characters, as docker prints image ids. */
    static String shortDigest(String digest) {
        int colon = digest.indexOf(':');
        return digest.length() > colon + 13 ? digest.substring(0, colon + 13) + "…" : digest;
    }

    private static Optional<LockedImage> locked(Lock lock, PlannedImage i) {
        return lock.images().stream().filter(l -> l.reference().equals(i.reference())).findFirst();
    }
}
