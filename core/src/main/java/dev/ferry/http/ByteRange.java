package dev.ferry.http;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * One satisfiable byte range of a file of known size, from an HTTP {@code Range} header; what
 * {@code ferry mirror serve} answers for files and image blobs alike.
 * Only single ranges are honoured: kOps, nodeup, curl, the SDKs and registry clients never ask for more, and
 * RFC 9110 lets a server answer a multi-range request with the whole file.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
public record ByteRange(long first, long last) {
    /** Copy buffer per request: memory stays flat whatever the file size. */
    private static final int BUFFER = 64 * 1024;

    /** What a {@code Range} header asks of a file of {@code size} bytes. */
    public sealed interface Request {}

    /** No usable range (absent, not {@code bytes=}, several ranges, malformed): answer 200 with the whole file. */
    public record Whole() implements Request {}

    /** One range inside the file: answer 206. */
    public record Part(ByteRange range) implements Request {}

    /** A well-formed range that starts past the end: answer 416 with {@code Content-Range: bytes *}{@code /size}. */
    public record Unsatisfiable() implements Request {}

    /** What {@link #send} answered: the status and the number of body bytes (for HEAD, the ones a GET would send). */
    public record Sent(int status, long length) {}

    /**
     * Answers a GET or HEAD with the bytes of {@code file} ({@code size} bytes) that {@code asked} names: 200 and
     * the whole file, or 206 with {@code Content-Range} and the part. The caller sets the other headers and answers
     * an {@link Unsatisfiable} request itself.
     */
    public static Sent send(HttpExchange ex, Path file, long size, Request asked, boolean head) throws IOException {
        if (asked instanceof Unsatisfiable) {
            throw new IllegalArgumentException("an unsatisfiable range has no bytes to send");
        }
        ByteRange range = asked instanceof Part p ? p.range() : new ByteRange(0, size - 1);
        int status = asked instanceof Part ? 206 : 200;
        if (status == 206) {
            ex.getResponseHeaders().set("Content-Range", range.contentRange(size));
        }
        if (head) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(range.length()));
            ex.sendResponseHeaders(status, -1);
        } else {
            // -1 tells the JDK server "no body" (a 0 would mean chunked); it still sends Content-Length: 0.
            ex.sendResponseHeaders(status, range.length() == 0 ? -1 : range.length());
            if (range.length() > 0) {
                range.copy(file, ex.getResponseBody());
            }
        }
        return new Sent(status, range.length());
    }

    public long length() {
        return last - first + 1;
    }

    /** Writes these bytes of {@code file} to {@code out}, a buffer at a time. */
    public void copy(Path file, OutputStream out) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer buf = ByteBuffer.allocate(BUFFER);
            long pos = first;
            long left = length();
            while (left > 0) {
                buf.clear();
                if (left < buf.capacity()) {
                    buf.limit((int) left);
                }
                int n = ch.read(buf, pos);
                if (n < 0) {
                    throw new IOException("file shrank while being served");
                }
                out.write(buf.array(), 0, n);
                pos += n;
                left -= n;
            }
            out.flush();
        }
    }

    /** The {@code Content-Range} value for a 206 answer. */
    public String contentRange(long size) {
        return "bytes " + first + "-" + last + "/" + size;
    }

    public static Request parse(Optional<String> header, long size) {
        if (header.isEmpty()) {
            return new Whole();
        }
        String h = header.get().trim();
        if (!h.regionMatches(true, 0, "bytes=", 0, 6)) {
            return new Whole();
        }
        String spec = h.substring(6).trim();
        if (spec.contains(",")) {
            return new Whole();
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return new Whole();
        }
        String a = spec.substring(0, dash).trim();
        String b = spec.substring(dash + 1).trim();
        try {
            if (a.isEmpty()) {
                // bytes=-N: the last N bytes
                if (b.isEmpty() || !digits(b)) {
                    return new Whole();
                }
                long n = Long.parseLong(b);
                if (n == 0 || size == 0) {
                    return new Unsatisfiable();
                }
                return new Part(new ByteRange(Math.max(0, size - n), size - 1));
            }
            if (!digits(a) || (!b.isEmpty() && !digits(b))) {
                return new Whole();
            }
            long first = Long.parseLong(a);
            long last = b.isEmpty() ? Long.MAX_VALUE : Long.parseLong(b);
            if (last < first) {
                return new Whole();
            }
            if (first >= size) {
                return new Unsatisfiable();
            }
            return new Part(new ByteRange(first, Math.min(last, size - 1)));
        } catch (NumberFormatException tooBig) {
            return new Whole();
        }
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }
}
