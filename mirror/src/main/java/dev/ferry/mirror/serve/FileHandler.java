package dev.ferry.mirror.serve;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.ferry.format.ControlCharacters;
import dev.ferry.http.ByteRange;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Answers one request: a file (whole or one range), a listing when allowed, or a refusal. */
final class FileHandler implements HttpHandler {
    /**
     * The HTTP date (RFC 9110 IMF-fixdate): a two-digit day, always GMT. {@link DateTimeFormatter#RFC_1123_DATE_TIME}
     * writes "Tue, 1 Dec", which clients that compare If-Range as text do not match.
     */
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private final RequestPath paths;
    private final boolean list;
    private final Consumer<String> log;

    FileHandler(RequestPath paths, boolean list, Consumer<String> log) {
        this.paths = paths;
        this.list = list;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod();
        String rawPath = ex.getRequestURI().getRawPath();
        String raw = rawPath == null ? "" : ControlCharacters.escape(rawPath); // a request path cannot forge log lines
        String who = ex.getRemoteAddress().getAddress().getHostAddress();
        try (ex) {
            boolean head = method.equals("HEAD");
            if (!head && !method.equals("GET")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                sendText(ex, 405, "method not allowed: this mirror is read-only\n", false);
                log.accept(who + " " + method + " " + raw + " 405 read-only");
                return;
            }
            Path target;
            try {
                target = paths.resolve(rawPath);
            } catch (RequestPath.Refused r) {
                sendText(ex, r.status(), r.status() == 404 ? "not found\n" : "bad request\n", head);
                log.accept(who + " " + method + " " + raw + " " + r.status() + " refused: " + r.getMessage());
                return;
            }
            if (Files.isDirectory(target)) {
                if (!list) {
                    sendText(ex, 404, "not found\n", head);
                    log.accept(who + " " + method + " " + raw + " 404 refused: folder listing is off (serve with --list)");
                    return;
                }
                sendText(ex, 200, listing(target, rawPath), head, "text/html; charset=utf-8");
                log.accept(who + " " + method + " " + raw + " 200 listing");
                return;
            }
            if (!Files.isRegularFile(target)) {
                // a FIFO or device would block a worker forever
                sendText(ex, 404, "not found\n", head);
                log.accept(who + " " + method + " " + raw + " 404 refused: not a regular file");
                return;
            }
            serveFile(ex, target, head, who, raw);
        } catch (IOException e) {
            // The client went away mid-transfer (or the disk failed): nothing more can be sent on this exchange.
            log.accept(who + " " + method + " " + raw + " aborted: " + e.getMessage());
        }
    }

    private void serveFile(HttpExchange ex, Path file, boolean head, String who, String raw) throws IOException {
        long size = Files.size(file);
        Instant modified = Files.getLastModifiedTime(file).toInstant();
        String lastModified = HTTP_DATE.format(modified);
        Headers h = ex.getResponseHeaders();
        h.set("Content-Type", contentType(file));
        h.set("Last-Modified", lastModified);
        h.set("Accept-Ranges", "bytes");

        Headers req = ex.getRequestHeaders();
        Optional<Instant> ims = httpDate(req.getFirst("If-Modified-Since"));
        if (ims.isPresent() && modified.getEpochSecond() <= ims.get().getEpochSecond()) {
            ex.sendResponseHeaders(304, -1);
            log.accept(who + " " + ex.getRequestMethod() + " " + raw + " 304");
            return;
        }
        Optional<String> range = Optional.ofNullable(req.getFirst("Range"));
        String ifRange = req.getFirst("If-Range");
        if (ifRange != null && !httpDate(ifRange).map(d -> d.getEpochSecond() == modified.getEpochSecond()).orElse(false)) {
            range = Optional.empty(); // the client's copy is stale (or named by an ETag, which this server gives none): the whole file
        }
        ByteRange.Request asked = ByteRange.parse(range, size);
        if (asked instanceof ByteRange.Unsatisfiable) {
            h.set("Content-Range", "bytes */" + size);
            sendText(ex, 416, "range not satisfiable\n", head);
            log.accept(who + " " + ex.getRequestMethod() + " " + raw + " 416 range " + range.orElse("") + " of " + size);
            return;
        }
        ByteRange.Sent sent = ByteRange.send(ex, file, size, asked, head);
        log.accept(who + " " + ex.getRequestMethod() + " " + raw + " " + sent.status() + " " + sent.length() + " bytes");
    }

    private String listing(Path dir, String raw) throws IOException {
        String base = raw.endsWith("/") ? raw : raw + "/";
        List<String> names = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : (Iterable<Path>) s.sorted()::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(".")) {
                    continue;
                }
                try {
                    Path real = p.toRealPath();
                    if (!real.startsWith(paths.root())) {
                        continue; // a symlink out of the folder is not shown, as it is not served
                    }
                    if (Files.isDirectory(real)) {
                        names.add(name + "/");
                    } else if (Files.isRegularFile(real)) {
                        names.add(name);
                    }
                } catch (IOException dangling) {
                    // not servable, not listed
                }
            }
        }
        StringBuilder sb = new StringBuilder("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>")
                .append(escape(base)).append("</title></head><body>\n<h1>").append(escape(base)).append("</h1>\n<ul>\n");
        for (String name : names) {
            String href = URLEncoder.encode(name.endsWith("/") ? name.substring(0, name.length() - 1) : name, StandardCharsets.UTF_8)
                    .replace("+", "%20") + (name.endsWith("/") ? "/" : "");
            sb.append("<li><a href=\"").append(escape(base + href)).append("\">").append(escape(name)).append("</a></li>\n");
        }
        return sb.append("</ul>\n</body></html>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String contentType(Path file) {
        String name = file.getFileName().toString();
        if (name.endsWith(".sha256") || name.endsWith(".sha1") || name.endsWith(".sha256sum") || name.endsWith(".docker_tag")
                || name.equals("SHA256SUMS")) {
            return "text/plain; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static Optional<Instant> httpDate(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty(); // an unparseable date is ignored, as RFC 9110 says
        }
    }

    private static void sendText(HttpExchange ex, int status, String body, boolean head) throws IOException {
        sendText(ex, status, body, head, "text/plain; charset=utf-8");
    }

    private static void sendText(HttpExchange ex, int status, String body, boolean head, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        if (head) {
            ex.getResponseHeaders().set("Content-Length", Integer.toString(bytes.length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }
}
