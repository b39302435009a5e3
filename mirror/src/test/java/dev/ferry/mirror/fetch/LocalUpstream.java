package dev.ferry.mirror.fetch;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.http.HttpClient;
import dev.ferry.http.Netrc;
import dev.ferry.http.ProxySettings;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Provenance;
import dev.ferry.mirror.layout.KeyRules;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An upstream for unit tests: a JDK HttpServer on 127.0.0.1 whose every path answers as the test says
 * ({@link #serve} a file honouring {@code Range: bytes=N-}, or {@link #route} a handler of its own), and
 * that records every request it receives. Unknown paths answer 404. Each exchange runs on its own thread,
 * so a handler that waits on a latch holds up only its own request.
 */
public final class LocalUpstream implements AutoCloseable {
    /** One request as the server saw it. */
    public record Request(String method, String path, Optional<String> range) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, HttpHandler> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final HttpClient client = new HttpClient(new HttpClient.Settings(ProxySettings.of(Optional.empty(), Map.of()),
            Duration.ofSeconds(5), Duration.ofSeconds(10), 4, Netrc.none()));

    private LocalUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 32);
        server.setExecutor(threads);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requests.add(new Request(ex.getRequestMethod(), path, Optional.ofNullable(ex.getRequestHeaders().getFirst("Range"))));
            try (ex) {
                routes.getOrDefault(path, e -> send(e, 404, new byte[0])).handle(ex);
            }
        });
        server.start();
    }

    public static LocalUpstream start() {
        try {
            return new LocalUpstream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** Serves {@code body} at {@code path}: 200 for the whole, 206 from byte N for {@code Range: bytes=N-}, 416 past the end. */
    public LocalUpstream serve(String path, byte[] body) {
        return route(path, ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            int from = range == null ? 0 : Integer.parseInt(range.substring("bytes=".length(), range.indexOf('-')));
            if (from >= body.length && from > 0) {
                send(ex, 416, new byte[0]);
                return;
            }
            if (from > 0) {
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            }
            sendPart(ex, from > 0 ? 206 : 200, body, from);
        });
    }

    public LocalUpstream route(String path, HttpHandler handler) {
        routes.put(path, handler);
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests for {@code path}, in the order they came. */
    public List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** An answer with a Content-Length (none for an empty body). */
    public static void send(HttpExchange ex, int status, byte[] body) throws IOException {
        sendPart(ex, status, body, 0);
    }

    private static void sendPart(HttpExchange ex, int status, byte[] body, int from) throws IOException {
        int length = body.length - from;
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head || length == 0 ? -1 : length);
        if (!head && length > 0) {
            ex.getResponseBody().write(body, from, length);
        }
    }

    /** A URL on a port of 127.0.0.1 that nobody listens on: connecting to it is refused. */
    public static String deadUrl(String path) {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + s.getLocalPort() + path;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A direct HTTP client with short timeouts, reading no proxy settings and no ~/.netrc; closed with this server. */
    public HttpClient client() {
        return client;
    }

    /** Fetch options for tests: two retries 1 ms apart, no proxy, no ~/.netrc of this machine. */
    public static FetchOptions fetchOptions(Path cache) {
        return new FetchOptions(cache, Optional.empty(), 2, Duration.ofMillis(1), Duration.ofSeconds(10), 4, Map.of("HOME", cache.toString()));
    }

    public static Hash sha256(byte[] bytes) {
        return Hash.of(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest().digest(bytes));
    }

    /** The digests of {@code bytes}: sha256, and md5 and sha1 when {@code all}. */
    public static Digests digests(byte[] bytes, boolean all) {
        RunningDigests d = new RunningDigests(all ? Set.of(HashAlgorithm.MD5, HashAlgorithm.SHA1) : Set.of());
        d.update(bytes, 0, bytes.length);
        return d.digests();
    }

    /** An asset at {@code url}, tried from {@code sources} in order, expected to hash to {@code hash}. */
    public static Asset asset(String url, ExpectedHash hash, List<String> sources, OptionalLong size) {
        return new Asset(url, Optional.of(Arch.AMD64), AssetKind.KUBELET, "1.30.0", new KeyRules(List.of()).keys(url), hash, sources, size);
    }

    /** An asset whose sha256 is pinned, fetched from its own URL only. */
    public static Asset pinned(String url, byte[] content) {
        return asset(url, new ExpectedHash.Known(sha256(content), Provenance.PINNED), List.of(url), OptionalLong.empty());
    }

    @Override
    public void close() {
        client.close();
        server.stop(0);
        threads.shutdownNow();
    }
}
