package dev.ferry.mirror.asset;

import java.util.Locale;
import java.util.Optional;

/**
 * A hash sidecar ({@code kubelet.sha256}) as kOps reads it: the first whitespace-separated field of the text,
 * whose length says the algorithm (32 md5, 40 sha1, 64 sha256; anything else is no hash). {@code hash  filename}
 * lists read the same way. Ferry writes bare lowercase hex.
 */
public record Sidecar(Hash hash) {

    /** What a sidecar holding {@code hash} says. */
    public static Sidecar of(Hash hash) {
        return new Sidecar(hash);
    }

    /** The hash a sidecar's text gives kOps; empty when its first field is no hash kOps accepts. */
    public static Optional<Sidecar> parse(String text) {
        String first = firstField(text);
        if (!Hash.isHex(first)) {
            return Optional.empty();
        }
        return HashAlgorithm.byHexLength(first.length()).map(alg -> new Sidecar(new Hash(alg, first)));
    }

    /** The first whitespace-separated field, lowercase: what kOps compares. */
    public static String firstField(String text) {
        String t = text.strip();
        int end = 0;
        while (end < t.length() && !Character.isWhitespace(t.charAt(end))) {
            end++;
        }
        return t.substring(0, end).toLowerCase(Locale.ROOT);
    }

    /** Whether the sidecar's text says {@code hash}. */
    public static boolean says(String text, Hash hash) {
        return firstField(text).equals(hash.hex());
    }

    /** The text Ferry writes: bare lowercase hex. */
    public String text() {
        return hash.hex();
    }
}
