package dev.ferry.cli.mirror;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.env.KopsSettings;
import dev.ferry.mirror.env.PublicUrl;
import dev.ferry.shell.ShellQuote;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code ferry mirror env} shows the kOps settings: for people, as export lines for a shell, or as JSON. */
final class EnvView {
    private EnvView() {}

    static void text(PrintWriter out, List<KopsSettings> all) {
        boolean first = true;
        for (KopsSettings s : all) {
            if (!first) {
                out.println();
            }
            first = false;
            out.printf("kOps %s, Kubernetes %s, %s layout, mirror at %s%n%n", s.kops(), s.kubernetes(), s.layout().id(), s.publicUrl());
            if (s.kopsBaseUrl().isPresent() || s.cniVersionUrl().isPresent()) {
                out.println("In the shell that runs kops:");
                s.kopsBaseUrl().ifPresent(u -> out.println("  export KOPS_BASE_URL=" + ShellQuote.word(u)));
                s.cniVersionUrl().ifPresent(u -> out.println("  export CNI_VERSION_URL=" + ShellQuote.word(u)));
                out.println();
            }
            s.fileRepository().ifPresent(f -> {
                out.println("In the cluster spec (kops edit cluster):");
                out.println("  spec:");
                out.println("    assets:");
                out.println("      fileRepository: " + f);
                out.println();
            });
            s.kubernetesVersionUrl().ifPresent(k -> {
                out.println("When creating the cluster (kube-* images from the mirror):");
                out.println("  kops create cluster --kubernetes-version " + ShellQuote.word(k) + " …");
                out.println();
            });
            for (KopsSettings.Note n : s.notes()) {
                out.println(n.severity().id() + ": " + n.text());
            }
            if (s.notes().isEmpty()) {
                out.println("No problems found with this URL. Check it is anonymously readable: ferry mirror verify --public-url " + s.publicUrl());
            }
        }
    }

    static void shell(PrintWriter out, List<KopsSettings> all) {
        if (all.size() > 1) {
            throw FerryException.badInput("the lock holds " + all.size() + " kOps releases ("
                    + String.join(", ", all.stream().map(KopsSettings::kops).toList()) + "); export lines can only describe one",
                    "use --output text or json, or give --kops VERSION [--kubernetes VERSION] instead of --lock");
        }
        KopsSettings s = all.get(0);
        out.printf("# ferry mirror env: kOps %s, Kubernetes %s, %s layout, mirror at %s%n", s.kops(), s.kubernetes(), s.layout().id(),
                s.publicUrl());
        s.kopsBaseUrl().ifPresent(u -> out.println("export KOPS_BASE_URL=" + ShellQuote.word(u)));
        s.cniVersionUrl().ifPresent(u -> out.println("export CNI_VERSION_URL=" + ShellQuote.word(u)));
        s.fileRepository().ifPresent(u -> out.println("export FERRY_FILE_REPOSITORY=" + ShellQuote.word(u)));
        s.kubernetesVersionUrl().ifPresent(u -> out.println("export FERRY_KUBERNETES_VERSION_URL=" + ShellQuote.word(u)));
        for (KopsSettings.Note n : s.notes()) {
            out.println("# " + n.severity().id() + ": " + n.text().replace('\n', ' '));
        }
    }

    static Map<String, Object> json(PublicUrl url, List<KopsSettings> all) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("publicUrl", url.value());
        json.put("clusters", all.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kops", s.kops());
            m.put("kubernetes", s.kubernetes());
            m.put("layout", s.layout().id());
            m.put("KOPS_BASE_URL", s.kopsBaseUrl());
            m.put("CNI_VERSION_URL", s.cniVersionUrl());
            m.put("fileRepository", s.fileRepository());
            m.put("kubernetesVersionUrl", s.kubernetesVersionUrl());
            m.put("notes", s.notes().stream().map(n -> Map.of("severity", n.severity().id(), "text", n.text())).toList());
            return m;
        }).toList());
        json.put("cannotWork", all.stream().anyMatch(KopsSettings::hasWarnings));
        return json;
    }
}
