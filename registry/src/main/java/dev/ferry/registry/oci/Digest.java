package dev.ferry.registry.oci;

import dev.ferry.error.FerryException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A content digest as registries write it: {@code sha256:<64 hex>} (or {@code sha512:<128 hex>}). Manifests,
 * indexes and blobs are all addressed by one; the bytes behind a digest never change.
 */
public record Digest(String algorithm, String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]+");
    private static final Pattern FORM = Pattern.compile("sha(256:[0-9a-f]{64}|512:[0-9a-f]{128})");

    public Digest {
        int want = switch (algorithm) {
            case "sha256" -> 64;
            case "sha512" -> 128;
            default -> throw FerryException.badInput("digest algorithm '" + algorithm + "' is not supported", "use a sha256:… digest");
        };
        if (hex.length() != want || !HEX.matcher(hex).matches()) {
            throw FerryException.badInput("'" + algorithm + ":" + hex + "' is not a " + algorithm + " digest",
                    "write it as " + algorithm + ": followed by " + want + " lowercase hex digits");
        }
    }

    /** Parses {@code sha256:…}. */
    public static Digest parse(String text) {
        String t = text == null ? "" : text.trim();
        int colon = t.indexOf(':');
        if (colon <= 0) {
            throw FerryException.badInput("'" + text + "' is not a digest", "write it as sha256: followed by 64 hex digits");
        }
        return new Digest(t.substring(0, colon).toLowerCase(Locale.ROOT), t.substring(colon + 1));
    }

    /** Whether {@code text} has the form of a digest (for telling {@code repo@sha256:…} from a tag). */
    public static boolean looksLikeDigest(String text) {
        return FORM.matcher(text).matches();
    }

    /** The sha256 digest of {@code bytes}. */
    public static Digest sha256(byte[] bytes) {
        return of("sha256", bytes);
    }

    /** The digest of {@code bytes} in {@code algorithm}. */
    public static Digest of(String algorithm, byte[] bytes) {
        return new Digest(algorithm, HexFormat.of().formatHex(messageDigest(algorithm).digest(bytes)));
    }

    /** A fresh MessageDigest for this digest's algorithm. */
    public MessageDigest newMessageDigest() {
        return messageDigest(algorithm);
    }

    /** Whether {@code bytes} have this digest. */
    public boolean matches(byte[] bytes) {
        return of(algorithm, bytes).equals(this);
    }

    private static MessageDigest messageDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm.equals("sha512") ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + algorithm, e);
        }
    }

    /** The hex digits a layout names the blob file by; short form for progress lines. */
    public String shortHex() {
        return hex.substring(0, 12);
    }

    @Override
    public String toString() {
        return algorithm + ":" + hex;
    }

    // Written out: a record's generated equals and hashCode go through method handles, slow while the JVM is cold,
    // and digests key every map of a copy.
    @Override
    public boolean equals(Object o) {
        return o instanceof Digest d && hex.equals(d.hex) && algorithm.equals(d.algorithm);
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }
}
