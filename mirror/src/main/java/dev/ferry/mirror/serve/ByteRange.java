package dev.ferry.mirror.serve;

import java.util.Optional;

/**
 * One satisfiable byte range of a file of known size, from an HTTP {@code Range} header.
 * Only single ranges are honoured: kOps, nodeup, curl and the SDKs never ask for more, and
 * RFC 9110 lets a server answer a multi-range request with the whole file.
 *
 * @param first first byte, inclusive
 * @param last  last byte, inclusive
 */
public record ByteRange(long first, long last) {

    /** What a {@code Range} header asks of a file of {@code size} bytes. */
    public sealed interface Request {}

    /** No usable range (absent, not {@code bytes=}, several ranges, malformed): answer 200 with the whole file. */
    public record Whole() implements Request {}

    /** One range inside the file: answer 206. */
    public record Part(ByteRange range) implements Request {}

    /** A well-formed range that starts past the end: answer 416 with {@code Content-Range: bytes *}{@code /size}. */
    public record Unsatisfiable() implements Request {}

    public long length() {
        return last - first + 1;
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
