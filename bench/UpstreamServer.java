// The benchmark's stand-in for dl.k8s.io: serves a folder over HTTP/1.1 on 127.0.0.1 with Range and keep-alive.
// Run with the JDK's source launcher, no build needed:  java bench/UpstreamServer.java DIR PORT_FILE
// It binds a free port and writes it to PORT_FILE, then serves until killed.
//
// Bodies go out with FileChannel.transferTo (sendfile): the real upstream is another machine, so its stand-in
// should take as little as it can of the cores that the clients being measured share with it. The JDK's
// HttpServer copied every byte through a heap buffer and took more CPU than curl itself.
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class UpstreamServer {
    private static final Pattern RANGE = Pattern.compile("(?im)^range:\\s*bytes=(\\d+)-\\s*$");

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]).toAbsolutePath().normalize();
        ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), 256);
        Files.writeString(Path.of(args[1]), Integer.toString(((InetSocketAddress) server.getLocalAddress()).getPort()));
        while (true) {
            SocketChannel client = server.accept();
            Thread t = new Thread(() -> connection(root, client), "conn");
            t.setDaemon(true);
            t.start();
        }
    }

    /** Requests on one connection, one after another, until the client closes it. */
    static void connection(Path root, SocketChannel ch) {
        try (ch) {
            ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            while (true) {
                String head = readHead(ch, in);
                if (head == null || !serve(root, ch, head)) {
                    return;
                }
            }
        } catch (IOException e) {
            // client went away
        }
    }

    /** The request line and headers, or null at end of stream; bytes after them stay in {@code in}. */
    static String readHead(SocketChannel ch, ByteBuffer in) throws IOException {
        while (true) {
            String seen = new String(in.array(), 0, in.position(), StandardCharsets.ISO_8859_1);
            int end = seen.indexOf("\r\n\r\n");
            if (end >= 0) {
                int used = end + 4;
                in.flip().position(used);
                in.compact();
                return seen.substring(0, end);
            }
            if (!in.hasRemaining() || ch.read(in) < 0) {
                return null;
            }
        }
    }

    /** Answers one request; false when the connection should close. */
    static boolean serve(Path root, SocketChannel ch, String head) throws IOException {
        String[] line = head.substring(0, head.indexOf("\r\n") < 0 ? head.length() : head.indexOf("\r\n")).split(" ");
        if (line.length < 3) {
            return false;
        }
        boolean isHead = line[0].equals("HEAD");
        String path = line[1].split("\\?", 2)[0];
        Path file = root.resolve(path.substring(1)).normalize();
        boolean close = head.toLowerCase(Locale.ROOT).contains("\nconnection: close");
        if ((!isHead && !line[0].equals("GET")) || !file.startsWith(root) || !Files.isRegularFile(file)) {
            write(ch, "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            return !close;
        }
        long size = Files.size(file);
        Matcher m = RANGE.matcher(head);
        long from = m.find() ? Long.parseLong(m.group(1)) : 0;
        if (from > size) {
            write(ch, "HTTP/1.1 416 Range Not Satisfiable\r\nContent-Range: bytes */" + size + "\r\nContent-Length: 0\r\n\r\n");
            return !close;
        }
        String status = from > 0 ? "206 Partial Content" : "200 OK";
        write(ch, "HTTP/1.1 " + status + "\r\nAccept-Ranges: bytes\r\nContent-Type: application/octet-stream\r\n"
                + (from > 0 ? "Content-Range: bytes " + from + "-" + (size - 1) + "/" + size + "\r\n" : "")
                + "Content-Length: " + (size - from) + "\r\n\r\n");
        if (!isHead) {
            try (FileChannel f = FileChannel.open(file, StandardOpenOption.READ)) {
                for (long at = from; at < size; ) {
                    at += f.transferTo(at, size - at, ch);
                }
            }
        }
        return !close;
    }

    static void write(SocketChannel ch, String s) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(s.getBytes(StandardCharsets.ISO_8859_1));
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
