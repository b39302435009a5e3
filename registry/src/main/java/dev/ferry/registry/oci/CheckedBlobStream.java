package dev.ferry.registry.oci;

import dev.ferry.format.BlockInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * A blob's bytes, checked against its descriptor while they stream: the last bytes are handed out only after
 * the size and digest have been found right, so whatever reads this (an upload body, a file) never receives a
 * whole blob that is wrong. A wrong blob ends in {@link BlobMismatch}; a source that ends early in an
 * {@link java.io.EOFException}, which another attempt may cure.
 */
public final class CheckedBlobStream extends BlockInputStream {
    private final InputStream in;
    private final Descriptor expected;
    private final MessageDigest md;
    private long count;
    private boolean checked;

    public CheckedBlobStream(InputStream in, Descriptor expected) {
        this.in = in;
        this.expected = expected;
        this.md = expected.digest().newMessageDigest();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        long left = expected.size() - count;
        if (left == 0) {
            if (!checked) {
                finish(); // an empty blob: still make sure the source has nothing more and hashes right
            }
            return -1;
        }
        // Filled whole (unless the source ends): a caller's buffer of whole 64-byte blocks then reaches the digest
        // whole, on the intrinsic multi-block path, instead of in the socket's odd-sized pieces, each of which
        // ends in a part block that the digest completes block by block in plain Java.
        int n = in.readNBytes(b, off, (int) Math.min(len, left));
        if (n == 0 && len > 0) {
            throw new java.io.EOFException("the blob " + expected.digest() + " ended after " + count + " of " + expected.size() + " bytes");
        }
        md.update(b, off, n);
        count += n;
        if (count == expected.size()) {
            finish(); // before these last bytes reach the reader
        }
        return n;
    }

    private void finish() throws IOException {
        if (in.read() >= 0) {
            throw new BlobMismatch(expected, "more than the " + expected.size() + " bytes its descriptor gives");
        }
        String actual = HexFormat.of().formatHex(md.digest());
        checked = true;
        if (!actual.equals(expected.digest().hex())) {
            throw new BlobMismatch(expected, expected.digest().algorithm() + ":" + actual);
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    /** The bytes of a blob are not the ones its digest names: no attempt will cure that. */
    public static final class BlobMismatch extends IOException {
        private static final long serialVersionUID = 1L;
        private final transient Descriptor expected;
        private final String actual;

        public BlobMismatch(Descriptor expected, String actual) {
            super("the blob " + expected.digest() + " has other bytes: " + actual);
            this.expected = expected;
            this.actual = actual;
        }

        public Descriptor expected() {
            return expected;
        }

        /** The digest found, or what else was wrong (its size). */
        public String actual() {
            return actual;
        }
    }
}
