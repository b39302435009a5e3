package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/** A hash value: algorithm plus lowercase hex, checked for length and alphabet on construction. */
public record Hash(HashAlgorithm algorithm, String hex) {
    public Hash {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hex, "hex");
        hex = hex.toLowerCase(Locale.ROOT);
        if (hex.length() != algorithm.hexLength() || !isHex(hex)) {
            throw new IllegalArgumentException("not a " + algorithm.id() + " hash: '" + hex + "'");
        }
    }

    public static Hash sha256(String hex) {
        return new Hash(HashAlgorithm.SHA256, hex);
    }

    public static Hash of(HashAlgorithm algorithm, byte[] digest) {
        return new Hash(algorithm, HexFormat.of().formatHex(digest));
    }

    /**
     * Parses hex the way kOps does: the algorithm follows from the length.
     *
     * @param what names the value in the error, e.g. "sha of https://…/kubelet in assets.yaml"
     */
    public static Hash parseHex(String text, String what) {
        String t = text == null ? "" : text.trim();
        if (!isHex(t)) {
            throw FerryException.badInput(what + " is not a hex hash: '" + t + "'",
                    "give a 64-character sha256 (or 40-character sha1) in lowercase hex");
        }
        HashAlgorithm algorithm = HashAlgorithm.byHexLength(t.length()).orElseThrow(() -> FerryException.badInput(
                what + " has " + t.length() + " hex characters, which is no hash kOps accepts",
                "kOps accepts 64 (sha256), 40 (sha1) or 32 (md5) hex characters; sha512 is rejected"));
        return new Hash(algorithm, t);
    }

    static boolean isHex(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return algorithm.id() + ":" + hex;
    }
}
