package dev.ferry.cli.mirror;

import dev.ferry.cli.Table;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** A plan as people read it (what was chosen, the files, which hashes are pinned and from where) and as JSON. */
final class PlanView {
    private PlanView() {}

    static void text(PrintWriter out, Plan plan, Lock lock, Optional<Path> lockFile) {
        for (Selection s : lock.selections()) {
            out.printf("kOps %s, Kubernetes %s (%s), %s, networking %s%s%n", s.kops(), s.kubernetes(), s.kubernetesFrom(),
                    s.arches().stream().map(a -> a.id()).collect(Collectors.joining("+")), s.networking().id(),
                    s.options().isEmpty() ? "" : ", with " + String.join(", ", s.options().stream().sorted().toList()));
        }
        for (String note : plan.notes()) {
            out.println("note: " + note);
        }
        out.println();
        Table table = new Table("ARCH", "KIND", "VERSION", "KEY (" + lock.layout().id() + " layout)", "HASH");
        for (Asset a : lock.assets()) {
            table.row(a.archLabel(), a.kind().name(), a.version(), a.key(lock.layout()), hashCell(a));
        }
        table.print(out);
        ImageView.print(out, plan, lock);
        out.println();
        long unpinned = unpinned(lock);
        out.printf("%d files: %d pinned (%s), %d unpinned: checked against the upstream sidecar at download%s.%s%n",
                lock.assets().size(), lock.assets().size() - unpinned, byProvenance(lock), unpinned,
                unpinned == 0 ? "" : " (plan with --resolve, or run ferry mirror lock pin, to pin them)",
                lockFile.map(f -> " Lock written to " + f + ".").orElse(" Add --lock-file ferry.lock to write the lock."));
        long signed = lock.assets().stream().filter(a -> a.signedBy().isPresent()).count();
        SignatureNote.of(lock.assets().stream().map(Asset::signature).toList()).ifPresent(note -> out.println(note
                + (signed == 0 ? "" : " Sync and pack check the " + signed + " signed upstream over their bytes before publishing.")));
        out.flush();
    }

    static Map<String, Object> json(Plan plan, Lock lock, Optional<Path> lockFile) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("layout", lock.layout().id());
        List<Object> sels = new ArrayList<>();
        for (Selection s : lock.selections()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kops", s.kops());
            m.put("kubernetes", s.kubernetes());
            m.put("kubernetesFrom", s.kubernetesFrom());
            m.put("arch", s.arches().stream().map(a -> a.id()).toList());
            m.put("networking", s.networking().id());
            m.put("options", s.options().stream().sorted().toList());
            sels.add(m);
        }
        json.put("selections", sels);
        json.put("notes", plan.notes());
        json.put("assets", lock.assets().stream().map(a -> AssetView.json(a, lock.layout())).toList());
        json.put("images", plan.images().stream().map(i -> ImageView.json(i, lock)).toList());
        json.put("imageNotes", plan.imageNotes());
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("assets", lock.assets().size());
        summary.put("pinned", lock.assets().size() - unpinned(lock));
        summary.put("pinnedFrom", pinnedFrom(lock));
        summary.put("unpinned", unpinned(lock));
        summary.put("images", plan.images().size());
        summary.put("imagesUnpinned", ImageView.unpinned(lock));
        summary.put("signatures", SignatureNote.counts(lock.assets().stream().map(Asset::signature).toList()));
        json.put("summary", summary);
        json.put("lockFile", lockFile.map(Path::toString));
        return json;
    }

    private static long unpinned(Lock lock) {
        return lock.assets().stream().filter(a -> !a.hash().isPinned()).count();
    }

    /** How many pinned hashes came from where: {kops-assetdata=12, upstream-sidecar=10}. */
    private static Map<String, Long> pinnedFrom(Lock lock) {
        return lock.assets().stream().filter(a -> a.hash() instanceof ExpectedHash.Known)
                .collect(Collectors.groupingBy(a -> ((ExpectedHash.Known) a.hash()).provenance().id(), TreeMap::new, Collectors.counting()));
    }

    private static String byProvenance(Lock lock) {
        Map<String, Long> from = pinnedFrom(lock);
        return from.isEmpty() ? "none" : from.entrySet().stream().map(e -> e.getValue() + " from " + e.getKey()).collect(Collectors.joining(", "));
    }

    private static String hashCell(Asset a) {
        if (a.hash() instanceof ExpectedHash.Known k) {
            return k.hash().algorithm().id() + ":" + k.hash().hex() + " (" + k.provenance().id() + ")";
        }
        ExpectedHash.FromSidecar f = (ExpectedHash.FromSidecar) a.hash();
        return "unpinned: from upstream sidecar (" + f.algorithm().id() + ")";
    }
}
