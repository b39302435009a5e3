package dev.ferry.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local stand-in for dl.k8s.io / GitHub releases: a JDK HttpServer on 127.0.0.1 that serves files
 * and their sidecars, honours {@code Range: bytes=N-}, counts what it served, and injects faults.
 *
 * <pre>
 * Upstream up = Upstream.start();
 * up.file("/release/v1.30.0/bin/linux/amd64/kubelet", bytes).withSha256Sidecar();
 * up.fault("/release/…/kubelet", Fault.status(500, 2));   // first two requests get a 500
 * String url = up.url("/release/v1.30.0/bin/linux/amd64/kubelet");
 * </pre>
 */
public final class Upstream implements AutoCloseable {

    /** What goes wrong on a path, for the first {@code times} requests (or forever with {@link #FOREVER}). */
    public sealed interface Fault {
        int FOREVER = Integer.MAX_VALUE;

        int times();

        /** Answer with this HTTP status and a short body. */
        record Status(int code, int times) implements Fault {}

        /** Promise the full length, send {@code afterBytes}, then drop the connection (a reset mid-body). */
        record Reset(long afterBytes, int times) implements Fault {}

        /** Send only the first {@code bytes} bytes as if that were the whole file (a truncated file upstream). */
        record Truncate(long bytes, int times) implements Fault {}

        /** Wait {@code millis} before answering (a slow or stalled server). */
        record Stall(long millis, int times) implements Fault {}

        /** Send a different body of the same length (a corrupted or replaced file upstream). */
        record Corrupt(int times) implements Fault {}

        /** Send the body slowly: a pause of {@code millisPer64KiB} after each 64 KiB. */
        record Throttle(long millisPer64KiB, int times) implements Fault {}

        /** Send {@code afterBytes} bytes, then hold the rest until {@code open} is counted down (a stalled transfer the test resumes). */
        record Gate(long afterBytes, java.util.concurrent.CountDownLatch open, int times) implements Fault {}

        /** Answer with chunked transfer encoding: no Content-Length (as proxies and CDNs often do). */
        record Chunked(int times) implements Fault {}

        /** Gzip the body when the client accepts it (Content-Encoding: gzip, chunked, so no Content-Length). */
        record Gzip(int times) implements Fault {}

        /** Send {@code afterBytes} bytes of wrong content, then drop the connection (bad bytes, then a reset). */
        record CorruptThenReset(long afterBytes, int times) implements Fault {}

        static Fault status(int code, int times) {
            return new Status(code, times);
        }

        static Fault reset(long afterBytes, int times) {
            return new Reset(afterBytes, times);
        }

        static Fault truncate(long bytes) {
            return new Truncate(bytes, FOREVER);
        }

        static Fault stall(long millis, int times) {
            return new Stall(millis, times);
        }

        static Fault corrupt() {
            return new Corrupt(FOREVER);
        }

        static Fault throttle(long millisPer64KiB) {
            return new Throttle(millisPer64KiB, FOREVER);
        }

        static Fault gate(long afterBytes, java.util.concurrent.CountDownLatch open) {
            return new Gate(afterBytes, open, 1);
        }
    }

    /** A served file: bytes in memory or a file on disk (for large bodies). */
    public sealed interface Body {
        long size();

        InputStream open(long from) throws IOException;

        record Bytes(byte[] bytes) implements Body {
            @Override
            public long size() {
                return bytes.length;
            }

            @Override
            public InputStream open(long from) {
                return new java.io.ByteArrayInputStream(bytes, (int) from, bytes.length - (int) from);
            }
        }

        record File(Path path) implements Body {
            @Override
            public long size() {
                try {
                    return Files.size(path);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }

            @Override
            public InputStream open(long from) throws IOException {
                InputStream in = Files.newInputStream(path);
                in.skipNBytes(from);
                return in;
            }
        }
    }

    /** One request as the server saw it. */
    public record Request(String path, String range) {}

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "upstream");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Body> files = new ConcurrentHashMap<>();
    private final Map<String, List<Fault>> faults = new ConcurrentHashMap<>();
    private final java.util.Set<String> ignoringRange = ConcurrentHashMap.newKeySet();
    private final Map<String, String> logins = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicInteger> faultCounts = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicLong bodyBytes = new AtomicLong();

    private Upstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    public static Upstream start() {
        try {
            return new Upstream();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the upstream server", e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:PORT/path} */
    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    public Upstream file(String path, byte[] bytes) {
        files.put(path, new Body.Bytes(bytes));
        return this;
    }

    public Upstream file(String path, Path file) {
        files.put(path, new Body.File(file));
        return this;
    }

    public Upstream text(String path, String text) {
        return file(path, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Serves {@code path + ".sha256"} with the bare hex of the file at {@code path} (as dl.k8s.io does). */
    public Upstream sha256Sidecar(String path, String hex) {
        return text(path + ".sha256", hex);
    }

    public void remove(String path) {
        files.remove(path);
    }

    public Upstream fault(String path, Fault fault) {
        return faults(path, List.of(fault));
    }

    /** Faults in turn: the first for its {@code times} requests, then the next, and so on; then none. */
    public Upstream faults(String path, List<Fault> inTurn) {
        faults.put(path, List.copyOf(inTurn));
        faultCounts.put(path, new java.util.concurrent.atomic.AtomicInteger());
        return this;
    }

    /** Answer every request for {@code path} with the whole file (200), whatever its Range header asks (as some servers and proxies do). */
    public Upstream ignoreRange(String path) {
        ignoringRange.add(path);
        return this;
    }

    /** Answer 401 (WWW-Authenticate: Basic) for {@code path} unless the request carries this user and password. */
    public Upstream requireLogin(String path, String user, String password) {
        logins.put(path, "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        return this;
    }

    public void clearFaults() {
        faults.clear();
        faultCounts.clear();
        ignoringRange.clear();
    }

    /** Every request so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests for one path. */
    public List<Request> requests(String path) {
        List<Request> out = new ArrayList<>();
        for (Request r : requests) {
            if (r.path().equals(path)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Body bytes sent so far, across all files. */
    public long bodyBytes() {
        return bodyBytes.get();
    }

    /** Forgets requests, byte counts and faults; files stay. */
    public void reset() {
        requests.clear();
        bodyBytes.set(0);
        clearFaults();
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String range = ex.getRequestHeaders().getFirst("Range");
        requests.add(new Request(path, range));
        try (ex) {
            String login = logins.get(path);
            if (login != null && !login.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"ferry-test\"");
                send(ex, 401, "login required");
                return;
            }
            Fault fault = activeFault(path);
            if (fault instanceof Fault.Stall s) {
                sleep(s.millis());
            }
            if (fault instanceof Fault.Status s) {
                send(ex, s.code(), "injected " + s.code());
                return;
            }
            Body body = files.get(path);
            if (body == null) {
                send(ex, 404, "not found: " + path);
                return;
            }
            respond(ex, body, fault, range == null || ignoringRange.contains(path) ? null : RANGE.matcher(range));
        } catch (IOException e) {
            // the client went away, or an injected reset: the connection is dropped either way
        }
    }

    /** Headers, then the body (or the part {@code range} asks for), with the fault applied. */
    private void respond(HttpExchange ex, Body body, Fault fault, Matcher range) throws IOException {
        boolean head = ex.getRequestMethod().equals("HEAD");
        long size = body.size();
        long from = 0;
        if (range != null && range.matches()) {
            from = Long.parseLong(range.group(1));
            if (from >= size) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
                ex.sendResponseHeaders(416, -1);
                return;
            }
        }
        long length = size - from;
        if (fault instanceof Fault.Truncate t) {
            length = Math.max(0, Math.min(length, t.bytes() - from));
        }
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        ex.getResponseHeaders().set("Content-Type", "application/octet-stream");
        if (from > 0) {
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
        }
        if (!head && from == 0 && (fault instanceof Fault.Chunked || fault instanceof Fault.Gzip)) {
            sendWithoutLength(ex, body, fault instanceof Fault.Gzip);
            return;
        }
        ex.sendResponseHeaders(from > 0 ? 206 : 200, head ? -1 : (length == 0 ? -1 : length));
        if (head || length == 0) {
            return;
        }
        long limit = fault instanceof Fault.Reset r ? Math.max(0, r.afterBytes() - from)
                : fault instanceof Fault.CorruptThenReset c ? Math.max(0, c.afterBytes() - from) : length;
        try (InputStream in = body.open(from)) {
            sendBody(ex.getResponseBody(), in, Math.min(limit, length), fault);
        }
        if (fault instanceof Fault.Reset || fault instanceof Fault.CorruptThenReset) {
            // Closing the exchange before the promised length makes the server drop the connection.
            throw new IOException("injected reset");
        }
    }

    /** Chunked (no Content-Length), gzipped when asked for and the client accepts it. */
    private void sendWithoutLength(HttpExchange ex, Body body, boolean gzipWanted) throws IOException {
        String accepts = ex.getRequestHeaders().getFirst("Accept-Encoding");
        boolean gzip = gzipWanted && accepts != null && accepts.contains("gzip");
        if (gzip) {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        ex.sendResponseHeaders(200, 0); // 0: chunked
        try (InputStream in = body.open(0);
             OutputStream out = gzip ? new java.util.zip.GZIPOutputStream(ex.getResponseBody()) : ex.getResponseBody()) {
            bodyBytes.addAndGet(in.transferTo(out));
        }
    }

    private void sendBody(OutputStream out, InputStream in, long end, Fault fault) throws IOException {
        byte[] buf = new byte[64 * 1024];
        long sent = 0;
        while (sent < end) {
            int n = in.read(buf, 0, (int) Math.min(buf.length, end - sent));
            if (n < 0) {
                break;
            }
            if (fault instanceof Fault.Corrupt || fault instanceof Fault.CorruptThenReset) {
                for (int i = 0; i < n; i++) {
                    buf[i] = (byte) ~buf[i];
                }
            }
            boolean gateHere = fault instanceof Fault.Gate g && sent < g.afterBytes() && sent + n >= g.afterBytes();
            int first = gateHere ? (int) (((Fault.Gate) fault).afterBytes() - sent) : n;
            out.write(buf, 0, first);
            bodyBytes.addAndGet(first);
            if (gateHere) {
                out.flush();
                await(((Fault.Gate) fault).open());
                out.write(buf, first, n - first);
                bodyBytes.addAndGet(n - first);
            }
            sent += n;
            if (fault instanceof Fault.Throttle t) {
                out.flush();
                sleep(t.millisPer64KiB());
            }
        }
        out.flush();
    }

    private Fault activeFault(String path) {
        List<Fault> inTurn = faults.get(path);
        if (inTurn == null) {
            return null;
        }
        long n = faultCounts.get(path).getAndIncrement();
        for (Fault f : inTurn) {
            if (n < f.times()) {
                return f;
            }
            n -= f.times();
        }
        return null;
    }

    private static void await(java.util.concurrent.CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void send(HttpExchange ex, int code, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, b.length);
        ex.getResponseBody().write(b);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
