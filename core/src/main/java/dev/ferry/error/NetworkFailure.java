package dev.ferry.error;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * Why a network call failed, in words for people (never a Java class name), with the host it concerns so that
 * many failures with one cause can be reported once.
 *
 * @param kind   what went wrong
 * @param host   the host concerned ("" when unknown)
 * @param status the HTTP status for {@link Kind#HTTP_STATUS}, else 0
 * @param detail a short detail for the curious (may be empty)
 */
public record NetworkFailure(Kind kind, String host, int status, String detail) {

    /** The kinds of network failure Ferry tells apart. */
    public enum Kind {
        UNKNOWN_HOST("unknown host"),
        REFUSED("connection refused"),
        NO_ROUTE("no route to host"),
        TIMED_OUT("timed out"),
        RESET("connection closed early"),
        TLS("TLS handshake failed"),
        HTTP_STATUS("HTTP status"),
        OTHER("network error");

        private final String words;

        Kind(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }

        /** Whether another attempt at the same peer may succeed. */
        public boolean transientFailure() {
            return this == TIMED_OUT || this == RESET || this == OTHER;
        }
    }

    /** The failure behind {@code e} on a request to {@code url}. */
    public static NetworkFailure of(IOException e, String url) {
        String host = hostOf(url);
        Kind kind = e instanceof UnknownHostException ? Kind.UNKNOWN_HOST
                : e instanceof ConnectException ? Kind.REFUSED
                : e instanceof NoRouteToHostException ? Kind.NO_ROUTE
                : e instanceof SocketTimeoutException || e instanceof InterruptedIOException ? Kind.TIMED_OUT
                : e instanceof SSLException ? Kind.TLS
                : e instanceof EOFException || e instanceof SocketException ? Kind.RESET
                : resetByMessage(e) ? Kind.RESET : Kind.OTHER;
        String detail = kind == Kind.UNKNOWN_HOST || kind == Kind.TIMED_OUT ? "" : withoutClassNames(Optional.ofNullable(e.getMessage()).orElse(""));
        if (detail.toLowerCase(Locale.ROOT).startsWith("failed to connect to")) {
            detail = ""; // OkHttp's wording repeats the host and port
        }
        return new NetworkFailure(kind, host, 0, detail);
    }

    /** An HTTP answer that is a failure. */
    public static NetworkFailure status(int status, String url) {
        return new NetworkFailure(Kind.HTTP_STATUS, hostOf(url), status, "");
    }

    /** One line: "unknown host dl.k8s.io", "HTTP 404 from dl.k8s.io", "connection refused by 127.0.0.1:9 (…)". */
    public String describe() {
        String base = cause();
        return detail.isBlank() ? base : base + ": " + detail;
    }

    /** The cause without the detail, the same for every failure {@link #causeKey} groups: "unknown host dl.k8s.io". */
    public String cause() {
        String where = host.isEmpty() ? "" : host;
        return switch (kind) {
            case HTTP_STATUS -> "HTTP " + status + (where.isEmpty() ? "" : " from " + where);
            case UNKNOWN_HOST -> "unknown host" + (where.isEmpty() ? "" : " " + where);
            case REFUSED -> "connection refused" + (where.isEmpty() ? "" : " by " + where);
            default -> kind.words() + (where.isEmpty() ? "" : " (" + where + ")");
        };
    }

    /** What groups failures into one cause: the kind, the host and the status, not the detail. */
    public String causeKey() {
        return kind + " " + host + " " + status;
    }

    /** Whether another attempt at the same peer may succeed (5xx, 408 and 429 included). */
    public boolean transientFailure() {
        return kind == Kind.HTTP_STATUS ? status >= 500 || status == 408 || status == 429 : kind.transientFailure();
    }

    /**
     * A message without the Java class names libraries put in them ("java.net.ConnectException: Connection refused"
     * becomes "Connection refused"): people read the words, not the class.
     */
    public static String withoutClassNames(String message) {
        return message.replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*(?:Exception|Error):\\s*", "")
                .replaceAll("\\b(?:[a-z][a-z0-9_]*\\.)+[A-Z][A-Za-z0-9_]*(?:Exception|Error)\\b", "")
                .replaceAll("\\b[A-Z][A-Za-z0-9]*(?:Exception|Error):\\s*", "").strip();
    }

    private static boolean resetByMessage(IOException e) {
        String m = Optional.ofNullable(e.getMessage()).orElse("").toLowerCase(Locale.ROOT);
        return m.contains("unexpected end of stream") || m.contains("connection reset") || m.contains("stream was reset")
                || m.contains("broken pipe") || m.contains("closed");
    }

    /** The host (and port, when given) of {@code url}: what failures are grouped by; "" when it has none. */
    public static String hostOf(String url) {
        try {
            URI u = URI.create(url);
            if (u.getHost() == null) {
                return "";
            }
            return u.getPort() > 0 ? u.getHost() + ":" + u.getPort() : u.getHost();
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
