package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.render.NodeAsset;
import dev.ferry.bootstrap.render.UserData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a render is shown: the user-data on stdout (unless written to a file) and a summary on stderr, or one JSON object. */
record RenderView(UserData ud, List<String> mirrors, Optional<Path> file) {

    void text(PrintWriter out, PrintWriter err) {
        if (file.isEmpty()) {
            out.print(ud.text());
            out.flush();
        }
        err.printf(Locale.ROOT, "user-data: %s, %,d bytes of EC2's %,d (%d%%)%s%n", ud.format().id(), ud.bytes(), UserData.EC2_LIMIT_BYTES,
                ud.bytes() * 100 / UserData.EC2_LIMIT_BYTES, file.map(f -> ", written to " + f).orElse(""));
        ud.computedMaxPods().ifPresentOrElse(m -> {
            err.println("kubelet maxPods " + m.maxPods() + " (" + MaxPodsView.explain(m) + ")");
            m.notes().forEach(n -> err.println("note: " + n));
        }, () -> ud.maxPods().ifPresent(n -> err.println("kubelet maxPods " + n + " (given)")));
        err.printf("%d file(s) checked by sha256 on the node (%s), from %d mirror URL(s) in order%n", ud.assets().size(),
                ud.assets().stream().map(a -> a.kind() + "/" + a.arch().id()).collect(Collectors.joining(", ")), mirrors.size());
        ud.notes().forEach(n -> err.println("note: " + n));
        err.flush();
    }

    Map<String, Object> json() {
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("format", ud.format().id());
        j.put("bytes", ud.bytes());
        j.put("limitBytes", UserData.EC2_LIMIT_BYTES);
        j.put("maxPods", ud.computedMaxPods().map(MaxPodsView::json).map(Object.class::cast)
                .orElse(ud.maxPods().isPresent() ? Map.of("maxPods", ud.maxPods().getAsInt(), "mode", "given") : null));
        j.put("mirrors", mirrors);
        j.put("assets", ud.assets().stream().map(RenderView::assetJson).toList());
        j.put("notes", ud.notes());
        j.put("file", file.map(Path::toString).orElse(null));
        if (file.isEmpty()) {
            j.put("userData", ud.text());
        }
        return j;
    }

    private static Map<String, Object> assetJson(NodeAsset a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", a.arch().id());
        m.put("kind", a.kind().name());
        m.put("version", a.version());
        m.put("key", a.key());
        m.put("sha256", a.sha256().hex());
        m.put("installTo", a.target());
        return m;
    }
}
