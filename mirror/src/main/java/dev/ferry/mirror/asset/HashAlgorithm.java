package dev.ferry.mirror.asset;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/** The hash algorithms kOps understands, told apart by hex length as kOps does: 32 hex characters md5, 40 sha1, 64 sha256. */
public enum HashAlgorithm {
    MD5("md5", "MD5", 32),
    SHA1("sha1", "SHA-1", 40),
    SHA256("sha256", "SHA-256", 64);

    private final String id;
    private final String jdkName;
    private final int hexLength;

    HashAlgorithm(String id, String jdkName, int hexLength) {
        this.id = id;
        this.jdkName = jdkName;
        this.hexLength = hexLength;
    }

    /** Lowercase name used in files and sidecar suffixes: {@code sha256}. */
    public String id() {
        return id;
    }

    public int hexLength() {
        return hexLength;
    }

    /** The sidecar suffix kOps reads for this algorithm: {@code .sha256}, {@code .sha1}. */
    public String sidecarSuffix() {
        return "." + id;
    }

    /** A fresh JDK digest; the JDK's SHA implementations use the CPU's SHA instructions where present. */
    public MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance(jdkName);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK lacks " + jdkName, e);
        }
    }

    /** The algorithm kOps would infer from a hex string of this length; SHA-512 and others are empty. */
    public static Optional<HashAlgorithm> byHexLength(int length) {
        for (HashAlgorithm a : values()) {
            if (a.hexLength == length) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    public static Optional<HashAlgorithm> byId(String id) {
        for (HashAlgorithm a : values()) {
            if (a.id.equalsIgnoreCase(id) || a.jdkName.equalsIgnoreCase(id)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
