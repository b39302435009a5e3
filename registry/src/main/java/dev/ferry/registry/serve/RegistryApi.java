package dev.ferry.registry.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ferry.format.ControlCharacters;
import dev.ferry.format.Json;
import dev.ferry.http.ByteRange;
import dev.ferry.registry.oci.Manifest;
import dev.ferry.registry.serve.ServedImages.Found;
import dev.ferry.registry.serve.ServedImages.Missing;
import dev.ferry.registry.serve.ServedImages.Result;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The read-only OCI distribution API over the image layouts of a served folder, for a LAN with no registry:
 * {@code GET /v2/}, manifests by tag and by digest (their exact bytes, under their own media type), blobs
 * (with single ranges), tag lists; HEAD for each. Writes are answered 405. Which names answer for which image
 * is {@link ServedImage}'s; containerd's {@code ns} parameter (the registry a mirror stands in for) narrows them.
 * Every request is reported to the log, one line each, as the file server does.
 */
public final class RegistryApi implements HttpHandler {
    /** Where the API lives; the server routes this path prefix here. */
    public static final String CONTEXT = "/v2/";
    private static final String JSON = "application/json";

    private final ServedImages images;
    private final Consumer<String> log;

    private RegistryApi(ServedImages images, Consumer<String> log) {
        this.images = images;
        this.log = log;
    }

    /**
     * The API over the layouts in {@code dir} (the folder itself, or any folder directly in it). Nothing is read
     * yet: the server checks the folder when it starts, and the layouts are read as requests come.
     */
    public static RegistryApi over(Path dir, Consumer<String> log) {
        Path root;
        try {
            root = dir.toRealPath();
        } catch (IOException notThereYet) {
            root = dir.toAbsolutePath().normalize(); // the server refuses a missing folder with its own message
        }
        return new RegistryApi(new ServedImages(root, log), log);
    }

    /** What the layouts hold, for the server's first lines: "3 images in /srv/mirror/images", or that there are none. */
    public String holding() {
        List<Path> dirs = images.layoutDirs();
        if (dirs.isEmpty()) {
            return "no OCI image layout in the folder or directly under it (write one with --registry oci:DIR)";
        }
        return images.all().size() + " images in " + String.join(", ", dirs.stream().map(Path::toString).toList());
    }

    @Override
    public void handle(HttpExchange ex) {
        URI uri = ex.getRequestURI();
        String raw = uri.getRawPath() == null ? "" : uri.getRawPath();
        String line = ex.getRemoteAddress().getAddress().getHostAddress() + " " + ex.getRequestMethod() + " "
                + ControlCharacters.escape(raw + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        try (ex) {
            ex.getResponseHeaders().set("Docker-Distribution-API-Version", "registry/2.0");
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (!head && !ex.getRequestMethod().equals("GET")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                log.accept(line + " " + error(ex, 405, "UNSUPPORTED", "this registry is read-only", false) + " read-only");
                return;
            }
            log.accept(line + " " + answer(ex, raw, uri, head));
        } catch (IOException e) {
            // The client went away mid-transfer: nothing more can be sent on this exchange.
            log.accept(line + " aborted: " + e.getMessage());
        } catch (RuntimeException e) {
            log.accept(line + " failed: " + e);
        }
    }

    private String answer(HttpExchange ex, String raw, URI uri, boolean head) throws IOException {
        ApiRequest request;
        try {
            request = ApiRequest.parse(raw);
        } catch (ApiRequest.Refused r) {
            return error(ex, r.status(), r.code(), r.getMessage(), head) + " refused: " + r.getMessage();
        }
        Optional<String> ns = parameter(uri, "ns");
        if (request instanceof ApiRequest.Base) {
            send(ex, 200, JSON, "{}".getBytes(StandardCharsets.UTF_8), head);
            return "200";
        }
        if (request instanceof ApiRequest.ManifestOf m) {
            return manifest(ex, images.manifest(m.name(), m.reference(), ns), head);
        }
        if (request instanceof ApiRequest.BlobOf b) {
            return blob(ex, b, images.blob(b.name(), b.digest(), ns), head);
        }
        ApiRequest.TagsOf t = (ApiRequest.TagsOf) request;
        return tags(ex, t.name(), images.tags(t.name(), ns), uri, head);
    }

    private String manifest(HttpExchange ex, Result<Manifest> result, boolean head) throws IOException {
        if (result instanceof Missing<Manifest> m) {
            return error(ex, m, head);
        }
        Manifest manifest = ((Found<Manifest>) result).value();
        Headers h = ex.getResponseHeaders();
        h.set("Docker-Content-Digest", manifest.digest().toString());
        h.set("ETag", "\"" + manifest.digest() + "\"");
        send(ex, 200, manifest.mediaType(), manifest.bytes(), head);
        return "200 manifest " + manifest.digest() + " " + manifest.mediaType() + " " + manifest.size() + " bytes";
    }

    /** A blob, whole or one range. Its bytes never change (they are named by their digest), so If-Range needs no check. */
    private String blob(HttpExchange ex, ApiRequest.BlobOf b, Result<Path> result, boolean head) throws IOException {
        if (result instanceof Missing<Path> m) {
            return error(ex, m, head);
        }
        Path file = ((Found<Path>) result).value();
        long size = Files.size(file);
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", "application/octet-stream");
        h.set("Docker-Content-Digest", b.digest().toString());
        h.set("ETag", "\"" + b.digest() + "\"");
        h.set("Accept-Ranges", "bytes");
        ByteRange.Request asked = ByteRange.parse(Optional.ofNullable(ex.getRequestHeaders().getFirst("Range")), size);
        if (asked instanceof ByteRange.Unsatisfiable) {
            h.set("Content-Range", "bytes */" + size);
            ex.sendResponseHeaders(416, -1);
            return "416 range " + ex.getRequestHeaders().getFirst("Range") + " of " + size;
        }
        ByteRange.Sent sent = ByteRange.send(ex, file, size, asked, head);
        return sent.status() + " blob " + b.digest() + " " + sent.length() + " bytes";
    }

    /** The tag list, paginated by {@code n} and {@code last} as the distribution spec has it. */
    private String tags(HttpExchange ex, String name, Result<List<String>> result, URI uri, boolean head) throws IOException {
        if (result instanceof Missing<List<String>> m) {
            return error(ex, m, head);
        }
        List<String> all = ((Found<List<String>>) result).value();
        Optional<String> last = parameter(uri, "last");
        List<String> after = last.map(l -> all.stream().filter(t -> t.compareTo(l) > 0).toList()).orElse(all);
        int n = parameter(uri, "n").filter(v -> v.matches("\\d{1,6}")).map(Integer::parseInt).orElse(after.size());
        List<String> page = after.subList(0, Math.min(n, after.size()));
        if (page.size() < after.size() && !page.isEmpty()) {
            ex.getResponseHeaders().set("Link", "</v2/" + name + "/tags/list?n=" + n + "&last=" + page.get(page.size() - 1) + ">; rel=\"next\"");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("tags", page);
        send(ex, 200, JSON, Json.write(body).getBytes(StandardCharsets.UTF_8), head);
        return "200 " + page.size() + " tags";
    }

    private static String error(HttpExchange ex, Missing<?> m, boolean head) throws IOException {
        return error(ex, m.status(), m.code(), m.message(), head) + ": " + m.message();
    }

    /** The distribution spec's error body; returns the start of the log line. */
    private static String error(HttpExchange ex, int status, String code, String message, boolean head) throws IOException {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", message);
        send(ex, status, JSON, Json.write(Map.of("errors", List.of(error))).getBytes(StandardCharsets.UTF_8), head);
        return status + " " + code;
    }

    private static void send(HttpExchange ex, int status, String type, byte[] body, boolean head) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        if (head) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    /** A query parameter, decoded; empty when absent or malformed. */
    private static Optional<String> parameter(URI uri, String key) {
        String query = uri.getRawQuery();
        if (query == null) {
            return Optional.empty();
        }
        for (String pair : query.split("&")) {
            if (pair.startsWith(key + "=")) {
                try {
                    return Optional.of(URLDecoder.decode(pair.substring(key.length() + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException malformed) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }
}
