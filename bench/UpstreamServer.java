// The benchmark's stand-in for dl.k8s.io: serves a folder over HTTP on 127.0.0.1 with Range support.
// Run with the JDK's source launcher, no build needed:  java bench/UpstreamServer.java DIR PORT_FILE
// It binds a free port and writes it to PORT_FILE, then serves until killed.
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.Executors;

public class UpstreamServer {
    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 256);
        server.setExecutor(Executors.newFixedThreadPool(16));
        server.createContext("/", ex -> serve(root, ex));
        server.start();
        Files.writeString(Path.of(args[1]), Integer.toString(server.getAddress().getPort()));
    }

    static void serve(Path root, HttpExchange ex) throws IOException {
        try (ex) {
            Path file = root.resolve(ex.getRequestURI().getPath().substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file)) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            long size = Files.size(file);
            long from = 0;
            String range = ex.getRequestHeaders().getFirst("Range");
            if (range != null && range.matches("bytes=\\d+-")) {
                from = Long.parseLong(range.substring(6, range.length() - 1));
            }
            ex.getResponseHeaders().set("Accept-Ranges", "bytes");
            if (from > 0) {
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (size - 1) + "/" + size);
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            ex.sendResponseHeaders(from > 0 ? 206 : 200, head ? -1 : (size - from == 0 ? -1 : size - from));
            if (head) {
                return;
            }
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ); OutputStream out = ex.getResponseBody()) {
                WritableByteChannel ch = Channels.newChannel(out);
                ByteBuffer buf = ByteBuffer.allocate(1 << 20);
                in.position(from);
                while (in.read(buf) >= 0) {
                    buf.flip();
                    while (buf.hasRemaining()) {
                        ch.write(buf);
                    }
                    buf.clear();
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }
}
