package dev.ferry.cli.mirror;

import dev.ferry.format.Json;
import dev.ferry.registry.env.ImageSettings;
import dev.ferry.shell.ShellQuote;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How {@code ferry mirror env --registry} shows the image settings: a cluster-spec snippet, export lines, or JSON. */
final class ImageEnvView {
    private ImageEnvView() {}

    static void text(PrintWriter out, ImageSettings s) {
        out.printf("Container images: %d, from %s%s%n%n", s.images(), s.registry(), s.assets().isEmpty()
                ? " as a containerd registry mirror (names unchanged)" : ", renamed by kOps's " + s.assets().keySet().iterator().next() + " rule");
        out.println("In the cluster spec (kops edit cluster):");
        out.println("  spec:");
        if (!s.assets().isEmpty()) {
            out.println("    assets:");
            s.assets().forEach((k, v) -> out.println("      " + k + ": " + Json.quote(v)));
        }
        if (!s.registryMirrors().isEmpty() || !s.containerd().isEmpty()) {
            out.println("    containerd:");
            if (!s.registryMirrors().isEmpty()) {
                out.println("      registryMirrors:");
                s.registryMirrors().forEach((host, urls) -> {
                    out.println("        " + Json.quote(host) + ":");
                    urls.forEach(u -> out.println("        - " + Json.quote(u)));
                });
            }
            s.containerd().forEach((k, v) -> out.println("      " + k + ": " + v));
        }
        if (!s.amazonVpc().isEmpty()) {
            out.println("    networking:");
            out.println("      amazonVPC:");
            s.amazonVpc().forEach((k, v) -> out.println("        " + k + ": " + Json.quote(v)));
        }
        out.println();
        for (ImageSettings.Note n : s.notes()) {
            out.println((n.warning() ? "warning: " : "note: ") + n.text());
        }
    }

    /** Export lines for the values a script fills into a cluster spec; the maps are said in comments. */
    static void shell(PrintWriter out, ImageSettings s) {
        s.assets().forEach((k, v) -> out.println("export FERRY_" + (k.equals("containerProxy") ? "CONTAINER_PROXY" : "CONTAINER_REGISTRY")
                + "=" + ShellQuote.word(v)));
        s.amazonVpc().forEach((k, v) -> out.println("export FERRY_AMAZON_VPC_" + k.replaceAll("([A-Z])", "_$1").toUpperCase(java.util.Locale.ROOT)
                + "=" + ShellQuote.word(v)));
        s.registryMirrors().forEach((host, urls) -> out.println("# spec.containerd.registryMirrors: " + host + " -> " + String.join(", ", urls)));
        for (ImageSettings.Note n : s.notes()) {
            out.println("# " + (n.warning() ? "warning: " : "note: ") + n.text().replace('\n', ' '));
        }
    }

    static Map<String, Object> json(ImageSettings s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("registry", s.registry());
        m.put("images", s.images());
        m.put("assets", s.assets());
        Map<String, Object> containerd = new LinkedHashMap<>();
        if (!s.registryMirrors().isEmpty()) {
            containerd.put("registryMirrors", s.registryMirrors());
        }
        containerd.putAll(s.containerd());
        m.put("containerd", containerd);
        m.put("amazonVPC", s.amazonVpc());
        m.put("notes", notes(s.notes()));
        m.put("cannotWork", s.hasWarnings());
        return m;
    }

    private static List<Map<String, String>> notes(List<ImageSettings.Note> notes) {
        return notes.stream().map(n -> Map.of("severity", n.warning() ? "warning" : "note", "text", n.text())).toList();
    }
}
