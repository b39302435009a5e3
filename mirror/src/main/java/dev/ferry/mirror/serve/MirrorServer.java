package dev.ferry.mirror.serve;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.error.FerryException;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A read-only HTTP server over a mirror folder, for air-gapped LANs with no S3: what kOps and nodes
 * need from a {@code fileRepository} (GET, HEAD, single ranges, Content-Length, Last-Modified) and
 * nothing more, plus whatever APIs the caller mounts beside the files (the CLI mounts the registry API, which
 * this module may not know). Built on the JDK's own HTTP server, so it adds no dependency.
 */
public final class MirrorServer implements AutoCloseable {

    /**
     * @param dir           the mirror folder
     * @param bind          address to listen on, e.g. 127.0.0.1 or 0.0.0.0
     * @param port          TCP port, 0 for any free one
     * @param list          answer folder requests with a listing (off by default)
     * @param threads       requests served at once; more wait in line
     * @param headerTimeout a client that has not sent its whole request line and headers this long after it
     *                      started is disconnected, so slow or stalled clients cannot hold every thread
     * @param idleTimeout   a connection with no request in flight (kept alive, or never used) is closed after this long
     */
    public record Options(Path dir, String bind, int port, boolean list, int threads, Duration headerTimeout, Duration idleTimeout) {
        public static final Duration DEFAULT_HEADER_TIMEOUT = Duration.ofSeconds(10);
        public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);

        public Options {
            if (port < 0 || port > 65535) {
                throw FerryException.badInput("port " + port + " is out of range", "use 1-65535, or 0 for any free port");
            }
            if (threads < 1) {
                throw FerryException.badInput("--threads must be at least 1", "the default is 64");
            }
            if (headerTimeout.toSeconds() < 1 || idleTimeout.toSeconds() < 1) {
                throw FerryException.badInput("timeouts must be at least 1 second", "the defaults are --header-timeout 10 and --idle-timeout 30");
            }
        }

        public Options(Path dir, String bind, int port, boolean list, int threads) {
            this(dir, bind, port, list, threads, DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path root;

    private MirrorServer(HttpServer server, ExecutorService executor, Path root) {
        this.server = server;
        this.executor = executor;
        this.root = root;
    }

    /** Starts serving; every request and every refusal is reported to {@code log}, one line each. */
    public static MirrorServer start(Options options, Consumer<String> log) {
        return start(options, log, Map.of());
    }

    /**
     * As {@link #start(Options, Consumer)}, and each of {@code apis} answers the requests under its path prefix
     * (the registry API under {@code /v2/}) instead of the files; they share the workers and the timeouts.
     */
    public static MirrorServer start(Options options, Consumer<String> log, Map<String, HttpHandler> apis) {
        Path dir = options.dir();
        if (!Files.isDirectory(dir)) {
            throw FerryException.badInput("'" + dir + "' is not a folder",
                    "give the folder a file: mirror was synced to, e.g. --dir ./mirror");
        }
        RequestPath paths;
        try {
            paths = new RequestPath(dir);
        } catch (IOException e) {
            throw new FerryException("cannot read the folder '" + dir + "': " + e.getMessage(), "check its permissions");
        }
        timeouts(options);
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(options.bind(), options.port()), 128);
        } catch (BindException e) {
            throw new FerryException("cannot listen on " + options.bind() + ":" + options.port() + ": " + e.getMessage(),
                    "choose another --port, or stop what already listens there");
        } catch (IOException e) {
            throw new FerryException("cannot start the HTTP server: " + e.getMessage(), "check --bind and --port");
        }
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor executor = new ThreadPoolExecutor(options.threads(), options.threads(), 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "ferry-serve-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
        server.createContext("/", new FileHandler(paths, options.list(), log));
        apis.forEach(server::createContext);
        server.setExecutor(executor);
        server.start();
        return new MirrorServer(server, executor, paths.root());
    }

    /**
     * The JDK server reads a worker's request line and headers on that worker, so without a deadline a
     * client that sends half a request line holds a thread for ever. Its deadlines are system properties,
     * read once per JVM when its first server starts; {@code ferry mirror serve} starts exactly one.
     * It writes a response's headers and body apart: with Nagle's algorithm on, the body of a small
     * response waits for the client's delayed ACK, about 40 ms a request (a sidecar, a HEAD), so it is off.
     */
    private static void timeouts(Options options) {
        System.setProperty("sun.net.httpserver.maxReqTime", Long.toString(options.headerTimeout().toSeconds()));
        System.setProperty("sun.net.httpserver.idleInterval", Long.toString(options.idleTimeout().toSeconds()));
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL clients use, e.g. {@code http://127.0.0.1:8080}. */
    public URI url() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + a.getPort());
    }

    /** The folder served, after symlinks. */
    public Path root() {
        return root;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
