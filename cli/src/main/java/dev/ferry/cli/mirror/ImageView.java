package dev.ferry.cli.mirror;

import dev.ferry.cli.Table;
import dev.ferry.mirror.catalog.Origin;
import dev.ferry.mirror.catalog.PlannedImage;
import dev.ferry.mirror.plan.Plan;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the images of a plan look: the IMAGES table of {@code plan}, and in {@code --output json}. */
final class ImageView {
    private ImageView() {}

    static Map<String, Object> json(PlannedImage i) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("reference", i.reference());
        m.put("kind", i.kind());
        Origin o = i.origin();
        m.put("origin", o instanceof Origin.Read r ? Map.of("read", r.where())
                : o instanceof Origin.Unconfirmed u ? Map.of("unconfirmed", u.why()) : Map.of("given", ((Origin.Given) o).where()));
        return m;
    }

    /** The image notes, then one row per image; nothing when the plan has neither. */
    static void print(PrintWriter out, Plan plan) {
        if (plan.images().isEmpty() && plan.imageNotes().isEmpty()) {
            return;
        }
        out.println();
        for (String note : plan.imageNotes()) {
            out.println("note: " + note);
        }
        Table table = new Table("IMAGE", "KIND", "FROM");
        for (PlannedImage i : plan.images()) {
            table.row(i.reference(), i.kind(), i.origin().describe());
        }
        if (!table.isEmpty()) {
            table.print(out);
            out.printf("%d container images, each with every platform it has; the lock does not list them yet.%n", plan.images().size());
        }
    }
}
