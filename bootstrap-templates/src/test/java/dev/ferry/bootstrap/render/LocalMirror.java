package dev.ferry.bootstrap.render;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A mirror served over HTTP on 127.0.0.1 (JDK HttpServer): path → bytes, 404 otherwise, or a fixed status for every
 * path under a prefix given to {@link #failWith}; records every request.
 */
final class LocalMirror implements AutoCloseable {
    final Map<String, byte[]> objects = new ConcurrentHashMap<>();
    final Map<String, Integer> failing = new ConcurrentHashMap<>();
    final List<String> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    LocalMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", ex -> {
            String path = ex.getRequestURI().getPath();
            requests.add(path);
            byte[] body = objects.get(path);
            Integer status = failing.entrySet().stream().filter(e -> path.startsWith(e.getKey())).map(Map.Entry::getValue).findFirst().orElse(null);
            if (status != null) {
                ex.sendResponseHeaders(status, -1);
            } else if (body == null) {
                ex.sendResponseHeaders(404, -1);
            } else {
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
            ex.close();
        });
        server.start();
    }

    String url(String prefix) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + prefix;
    }

    void put(String path, byte[] bytes) {
        objects.put(path, bytes);
    }

    /** Every request under {@code prefix} gets {@code status}, with no body. */
    void failWith(String prefix, int status) {
        failing.put(prefix, status);
    }

    long requestsUnder(String prefix) {
        return requests.stream().filter(p -> p.startsWith(prefix)).count();
    }

    long requestsFor(String path) {
        return requests.stream().filter(path::equals).count();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
