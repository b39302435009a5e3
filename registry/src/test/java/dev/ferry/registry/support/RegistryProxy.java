package dev.ferry.registry.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK HttpServer in front of a real registry that records every request and can behave like the registries
 * Ferry meets: Basic or Bearer auth (with a token endpoint), blobs redirected to another host, downloads cut
 * short or slowed, and ECR's quirks (repositories that must exist, {@code 201} on PATCH, no chunked PATCH).
 */
public final class RegistryProxy implements AutoCloseable {
    /** One request as it arrived. */
    public record Recorded(String method, String path, String authorization, String range) {}

    private static final Set<String> HOP = Set.of("connection", "content-length", "expect", "host", "upgrade", "transfer-encoding",
            "authorization", "keep-alive", "date");
    private static final Pattern REPO = Pattern.compile("^/v2/(.+?)/(blobs|manifests|tags)/");

    private final HttpServer server;
    private final String upstream;
    private final HttpClient forward = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "registry-proxy");
        t.setDaemon(true);
        return t;
    });
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
    private final AtomicInteger tokens = new AtomicInteger();
    private volatile Predicate<String> basic;
    private volatile String basicRealm;
    private volatile Predicate<String> bearerLogin;
    private volatile String redirectBlobsTo;
    private volatile long cutAfter = -1;
    private final AtomicInteger cutsLeft = new AtomicInteger();
    private volatile long throttleMillisPerMiB;
    private volatile Predicate<String> ecrRepositoryExists;

    private RegistryProxy(String upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    /** A proxy to {@code upstream} ({@code http://127.0.0.1:port}). */
    public static RegistryProxy start(String upstream) throws IOException {
        return new RegistryProxy(upstream);
    }

    /** Demands an {@code Authorization} header that {@code ok} accepts, challenging with {@code Basic realm=…}. */
    public RegistryProxy basicAuth(Predicate<String> ok, String challenge) {
        this.basic = ok;
        this.basicRealm = challenge;
        return this;
    }

    /** Demands a token from {@code /token}; {@code login} judges the token request's Authorization ("" when none). */
    public RegistryProxy bearerAuth(Predicate<String> login) {
        this.bearerLogin = login;
        return this;
    }

    public RegistryProxy redirectBlobsTo(String base) {
        this.redirectBlobsTo = base;
        return this;
    }

    /** The next {@code times} blob downloads end after {@code bytes} bytes. */
    public RegistryProxy cutBlobsAfter(long bytes, int times) {
        this.cutAfter = bytes;
        this.cutsLeft.set(times);
        return this;
    }

    /** Response bodies slowed to about one MiB per {@code millis}. */
    public RegistryProxy throttle(long millisPerMiB) {
        this.throttleMillisPerMiB = millisPerMiB;
        return this;
    }

    /** Behaves like ECR: a repository {@code exists} refuses nothing, others answer NAME_UNKNOWN; PATCH is answered 201. */
    public RegistryProxy ecr(Predicate<String> exists) {
        this.ecrRepositoryExists = exists;
        return this;
    }

    public String host() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    public String url() {
        return "http://" + host();
    }

    public List<Recorded> requests() {
        return List.copyOf(requests);
    }

    /** The query strings of token requests. */
    public List<String> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    public long count(String method, String pathRegex) {
        Pattern p = Pattern.compile(pathRegex);
        return requests.stream().filter(r -> r.method().equals(method) && p.matcher(r.path()).find()).count();
    }

    public void clear() {
        requests.clear();
        tokenRequests.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath() + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery());
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            requests.add(new Recorded(ex.getRequestMethod(), path, auth, String.valueOf(ex.getRequestHeaders().getFirst("Range"))));
            if (ex.getRequestURI().getPath().equals("/token")) {
                token(ex, auth);
                return;
            }
            if (!authorized(ex, auth) || !ecrAllows(ex, path)) {
                return;
            }
            if (redirectBlobsTo != null && ex.getRequestMethod().equals("GET") && path.matches("/v2/.+/blobs/sha256:[0-9a-f]{64}")) {
                ex.getResponseHeaders().add("Location", redirectBlobsTo + path);
                ex.sendResponseHeaders(307, -1);
                return;
            }
            forward(ex, path);
        } catch (Cut e) {
            throw e; // the server closes a connection whose handler fails: the client sees the stream end early
        } catch (IOException | InterruptedException e) {
            // the client went away
        }
    }

    /** A response cut short on purpose. */
    private static final class Cut extends IOException {
        private static final long serialVersionUID = 1L;

        Cut(long sent) {
            super("cut on purpose after " + sent + " bytes");
        }
    }

    private boolean authorized(HttpExchange ex, String auth) throws IOException {
        if (basic != null && !basic.test(auth)) {
            ex.getResponseHeaders().add("WWW-Authenticate", basicRealm);
            error(ex, 401, "UNAUTHORIZED", "authentication required");
            return false;
        }
        if (bearerLogin != null && !auth.matches("Bearer tok-\\d+")) {
            Matcher m = REPO.matcher(ex.getRequestURI().getPath());
            ex.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"" + url() + "/token\",service=\"test-registry\""
                    + (m.find() ? ",scope=\"repository:" + m.group(1) + ":pull\"" : ""));
            error(ex, 401, "UNAUTHORIZED", "authentication required");
            return false;
        }
        return true;
    }

    private void token(HttpExchange ex, String auth) throws IOException {
        tokenRequests.add(String.valueOf(ex.getRequestURI().getRawQuery()));
        if (bearerLogin == null || !bearerLogin.test(auth.equals("null") ? "" : auth)) {
            error(ex, 401, "UNAUTHORIZED", "bad credentials");
            return;
        }
        byte[] body = ("{\"token\":\"tok-" + tokens.incrementAndGet() + "\",\"expires_in\":300}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
    }

    private boolean ecrAllows(HttpExchange ex, String path) throws IOException {
        if (ecrRepositoryExists == null) {
            return true;
        }
        Matcher m = Pattern.compile("^/v2/(.+?)/(blobs|manifests|tags)/").matcher(path);
        if (m.find() && !ecrRepositoryExists.test(m.group(1))) {
            error(ex, 404, "NAME_UNKNOWN", "The repository with name '" + m.group(1) + "' does not exist in the registry");
            return false;
        }
        if (ex.getRequestMethod().equals("PATCH") && ex.getRequestHeaders().containsKey("Content-Range")) {
            error(ex, 400, "UNSUPPORTED", "chunked uploads lose data here");
            return false;
        }
        return true;
    }

    private void forward(HttpExchange ex, String path) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(upstream + path));
        for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
            if (!HOP.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                h.getValue().forEach(v -> b.header(h.getKey(), v));
            }
        }
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        boolean chunked = "chunked".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Transfer-Encoding"));
        InputStream in = ex.getRequestBody();
        HttpRequest.BodyPublisher body = length != null && Long.parseLong(length) > 0
                ? HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> in), Long.parseLong(length))
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> in) : HttpRequest.BodyPublishers.noBody();
        b.method(ex.getRequestMethod(), body);
        HttpResponse<InputStream> r = forward.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
        int status = r.statusCode();
        if (ecrRepositoryExists != null && ex.getRequestMethod().equals("PATCH") && status == 202) {
            status = 201; // ECR's answer to a PATCH
        }
        r.headers().map().forEach((k, vs) -> {
            if (!HOP.contains(k.toLowerCase(Locale.ROOT)) && !k.equals(":status")) {
                vs.forEach(v -> ex.getResponseHeaders().add(k, k.equalsIgnoreCase("Location") ? v.replace(upstream, url()) : v));
            }
        });
        long len = r.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head || len == 0 ? -1 : len < 0 ? 0 : len);
        try (InputStream body2 = r.body(); OutputStream out = ex.getResponseBody()) {
            if (!head) {
                copy(body2, out, path.matches("/v2/.+/blobs/sha256:.*") && ex.getRequestMethod().equals("GET") && len > cutAfter);
            }
        }
    }

    private void copy(InputStream in, OutputStream out, boolean blob) throws IOException {
        long limit = blob && cutAfter >= 0 && cutsLeft.getAndDecrement() > 0 ? cutAfter : Long.MAX_VALUE;
        byte[] buf = new byte[64 * 1024];
        long sent = 0;
        for (int n; (n = in.read(buf)) > 0; ) {
            int take = (int) Math.min(n, limit - sent);
            out.write(buf, 0, take);
            sent += take;
            if (sent >= limit) {
                out.flush();
                throw new Cut(sent);
            }
            if (throttleMillisPerMiB > 0) {
                try {
                    Thread.sleep(Math.max(1, throttleMillisPerMiB * n / (1024 * 1024)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted");
                }
            }
        }
    }

    private static void error(HttpExchange ex, int status, String code, String message) throws IOException {
        byte[] body = ("{\"errors\":[{\"code\":\"" + code + "\",\"message\":\"" + message + "\"}]}").getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, body.length);
        ex.getResponseBody().write(body);
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
