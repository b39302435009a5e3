package dev.ferry.e2e.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;

/**
 * A forward HTTP proxy on 127.0.0.1, as a company proxy would be: it takes absolute-form requests
 * ({@code GET http://host:port/path}), records each URL, fetches it directly and passes the answer back.
 */
public final class ForwardProxy implements AutoCloseable {
    private final HttpServer server;
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    private ForwardProxy(HttpServer server) {
        this.server = server;
    }

    public static ForwardProxy start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        ForwardProxy proxy = new ForwardProxy(server);
        server.createContext("/", proxy::forward);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
        return proxy;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Every URL requested through the proxy, in order. */
    public List<String> seen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    private void forward(HttpExchange ex) throws IOException {
        URI target = ex.getRequestURI();
        if (target.getScheme() == null) {
            ex.sendResponseHeaders(400, -1); // not a proxy request
            ex.close();
            return;
        }
        seen.add(target.toString());
        HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection(Proxy.NO_PROXY);
        c.setRequestMethod(ex.getRequestMethod());
        c.setInstanceFollowRedirects(false);
        ex.getRequestHeaders().forEach((name, values) -> {
            if (!name.equalsIgnoreCase("Proxy-Connection") && !name.equalsIgnoreCase("Host")) {
                values.forEach(v -> c.addRequestProperty(name, v));
            }
        });
        int status = c.getResponseCode();
        c.getHeaderFields().forEach((name, values) -> {
            if (name != null && !name.equalsIgnoreCase("Transfer-Encoding") && !name.equalsIgnoreCase("Content-Length")) {
                ex.getResponseHeaders().put(name, values);
            }
        });
        long length = c.getContentLengthLong();
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(status, head || length == 0 ? -1 : Math.max(0, length));
        try (InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream(); OutputStream out = ex.getResponseBody()) {
            if (in != null && !head) {
                in.transferTo(out);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
