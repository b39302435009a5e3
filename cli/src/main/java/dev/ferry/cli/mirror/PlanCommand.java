package dev.ferry.cli.mirror;

import dev.ferry.cli.FileOutputOption;
import dev.ferry.cli.Table;
import dev.ferry.format.Json;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.plan.Plan;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror plan}: the exact list of files a kOps cluster downloads, and the images it pulls, offline. */
@Command(name = "plan",
        header = "List exactly which files a kOps cluster will download, and which images it pulls; write the lock.",
        mixinStandardHelpOptions = true,
        description = {
            "Each file comes with its mirror key and expected hash. Works offline.",
            "The lock it writes is what sync, pack, push and verify read.",
            "The images (IMAGES) are the core set of an AWS cluster with kOps's default add-ons; --image adds others.",
            "",
            "Examples:",
            "  ferry mirror plan --kops 1.30.4 --kubernetes 1.30.0",
            "  ferry mirror plan --kops 1.30.4 --dns none \\",
            "      --image docker.io/calico/node:v3.31.6",
            "  ferry mirror plan --kops 1.30.4 --arch amd64 --networking amazonvpc \\",
            "      --kops-images --lock-file ferry.lock",
            "  kops get assets -o yaml > assets.yaml",
            "  ferry mirror plan --from-kops-assets assets.yaml --lock-file ferry.lock"})
public final class PlanCommand implements Callable<Integer> {

    @Mixin
    PlanOptions what;

    @Option(names = "--lock-file", paramLabel = "FILE", description = "Write the lock to FILE (e.g. ferry.lock).")
    Path lockFile;

    @Mixin
    FileOutputOption output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.deprecatedFile("--lock-file", spec.commandLine().getErr()).ifPresent(f -> lockFile = f);
        Plan plan = what.plan();
        Lock lock = plan.lock();
        if (lockFile != null) {
            LockFile.write(lock, lockFile);
        }
        PrintWriter out = spec.commandLine().getOut();
        long pinned = lock.assets().stream().filter(a -> a.hash() instanceof ExpectedHash.Known).count();
        long sidecar = lock.assets().size() - pinned;
        if (output.json()) {
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
            json.put("images", plan.images().stream().map(ImageView::json).toList());
            json.put("imageNotes", plan.imageNotes());
            json.put("summary", Map.of("files", lock.assets().size(), "hashKnown", pinned, "hashFromUpstreamSidecar", sidecar,
                    "images", plan.images().size()));
            json.put("lockFile", lockFile == null ? null : lockFile.toString());
            out.println(Json.write(json));
            return 0;
        }
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
        ImageView.print(out, plan);
        out.println();
        out.printf("%d files: %d with a known hash, %d checked against the upstream sidecar at download.%s%n",
                lock.assets().size(), pinned, sidecar,
                lockFile == null ? " Add --lock-file ferry.lock to write the lock." : " Lock written to " + lockFile + ".");
        out.flush();
        return 0;
    }

    private static String hashCell(Asset a) {
        if (a.hash() instanceof ExpectedHash.Known k) {
            return k.hash().algorithm().id() + ":" + k.hash().hex() + " (" + k.provenance().id() + ")";
        }
        ExpectedHash.FromSidecar f = (ExpectedHash.FromSidecar) a.hash();
        return "from upstream sidecar (" + f.algorithm().id() + ")";
    }
}
