package dev.ferry.cli;

import dev.ferry.error.FailureGroups;
import dev.ferry.error.FerryException;
import dev.ferry.error.NetworkFailure;
import dev.ferry.format.Sizes;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many failures as people read them: one line per cause with how many it stopped and a few by name (a cause that
 * stopped one thing gets that failure's whole reason), then one "what to do" per cause (causes that call for the
 * same fix share it); every failure in full with {@code --verbose}, and in JSON for pipelines.
 */
public final class FailureReport {
    private static final int EXAMPLES = 3;

    private FailureReport() {}

    /**
     * @param headline the first line after "error: ", e.g. "22 of 22 assets failed; nothing was published"
     * @param noun     what failed, singular ("asset")
     */
    public static void print(PrintWriter err, String headline, String noun, List<FailureGroups.Failure> failures, boolean verbose) {
        List<FailureGroups.Group> groups = FailureGroups.of(failures);
        err.println("error: " + headline);
        for (FailureGroups.Group g : groups) {
            err.println("  " + (g.count() == 1 ? g.subjects().get(0) + ": " + g.first().getMessage()
                    : g.cause() + ": " + Sizes.count(g.count(), noun) + " (" + examples(g.subjects()) + ")"));
        }
        Map<String, List<FailureGroups.Group>> byFix = byFix(groups);
        err.println(byFix.size() == 1 ? "  what to do: " + byFix.keySet().iterator().next() : "  what to do:");
        if (byFix.size() > 1) {
            byFix.forEach((fix, gs) -> err.println("    " + String.join("; ", gs.stream().map(FailureGroups.Group::cause).toList()) + ": " + fix));
        }
        if (verbose) {
            err.println("  every failure:");
            failures.forEach(f -> err.println("    " + f.subject() + ": " + f.error().getMessage()));
        } else if (failures.size() > groups.size()) {
            err.println("  (-v lists every failure with its whole reason; --output json has them too)");
        }
        err.flush();
    }

    /** Each failure for JSON: what failed, its cause (the same for a group), the whole message and what to do. */
    public static List<Object> json(List<FailureGroups.Failure> failures) {
        List<Object> out = new ArrayList<>();
        for (FailureGroups.Failure f : failures) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", f.subject());
            m.put("cause", FailureGroups.cause(f.error()));
            m.put("error", f.error().getMessage());
            m.put("whatToDo", ErrorReport.whatToDo(f.error()));
            out.add(m);
        }
        return out;
    }

    private static String examples(List<String> subjects) {
        List<String> shown = subjects.subList(0, Math.min(EXAMPLES, subjects.size()));
        return String.join(", ", shown) + (subjects.size() > EXAMPLES ? ", … and " + (subjects.size() - EXAMPLES) + " more" : "");
    }

    /** The fix for each cause; network failures of one kind share one fix that names all their hosts. */
    private static Map<String, List<FailureGroups.Group>> byFix(List<FailureGroups.Group> groups) {
        Map<String, List<FailureGroups.Group>> byKind = new LinkedHashMap<>();
        for (FailureGroups.Group g : groups) {
            String kind = g.network().map(n -> n.kind() + " " + n.status()).orElse("other " + ErrorReport.whatToDo(g.first()).orElse(""));
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(g);
        }
        Map<String, List<FailureGroups.Group>> byFix = new LinkedHashMap<>();
        for (List<FailureGroups.Group> gs : byKind.values()) {
            FerryException first = gs.get(0).first();
            List<String> hosts = gs.stream().flatMap(g -> g.network().stream()).map(NetworkFailure::host).distinct().toList();
            String fix = gs.get(0).network().map(n -> ErrorReport.network(n.kind(), n.status(), hosts))
                    .orElseGet(() -> ErrorReport.whatToDo(first).orElse("fix the cause above and run the same command again"));
            byFix.computeIfAbsent(fix, k -> new ArrayList<>()).addAll(gs);
        }
        return byFix;
    }
}
