package dev.ferry.registry.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CheckedBlobStreamTest {
    private static final byte[] BLOB = new byte[300_000];

    static {
        new Random(7).nextBytes(BLOB);
    }

    private static Descriptor descriptor() {
        return Descriptor.of("application/octet-stream", Digest.sha256(BLOB), BLOB.length);
    }

    /** Everything the reader got before the stream ended or failed. */
    private static byte[] drain(InputStream in, ByteArrayOutputStream got) throws IOException {
        byte[] buf = new byte[8192];
        for (int n; (n = in.read(buf)) > 0; ) {
            got.write(buf, 0, n);
        }
        return got.toByteArray();
    }

    @Test
    void theRightBytesPassThrough() throws IOException {
        assertArrayEquals(BLOB, drain(new CheckedBlobStream(new ByteArrayInputStream(BLOB), descriptor()), new ByteArrayOutputStream()));
    }

    @Test
    void wrongBytesNeverReachTheReaderWhole() {
        byte[] bad = BLOB.clone();
        bad[1000] ^= 1;
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        CheckedBlobStream.BlobMismatch e = assertThrows(CheckedBlobStream.BlobMismatch.class,
                () -> drain(new CheckedBlobStream(new ByteArrayInputStream(bad), descriptor()), got));
        assertTrue(got.size() < BLOB.length, "the last bytes were held back: " + got.size());
        assertEquals("sha256:" + Digest.sha256(bad).hex(), e.actual());
    }

    @Test
    void aLongerOrShorterBlobIsCaught() {
        byte[] longer = java.util.Arrays.copyOf(BLOB, BLOB.length + 1);
        assertThrows(CheckedBlobStream.BlobMismatch.class,
                () -> drain(new CheckedBlobStream(new ByteArrayInputStream(longer), descriptor()), new ByteArrayOutputStream()));
        byte[] shorter = java.util.Arrays.copyOf(BLOB, BLOB.length - 1);
        assertThrows(EOFException.class,
                () -> drain(new CheckedBlobStream(new ByteArrayInputStream(shorter), descriptor()), new ByteArrayOutputStream()));
    }

    @Test
    void anEmptyBlobIsCheckedToo() throws IOException {
        Descriptor empty = Descriptor.of("x", Digest.sha256(new byte[0]), 0);
        assertEquals(-1, new CheckedBlobStream(new ByteArrayInputStream(new byte[0]), empty).read());
        assertThrows(CheckedBlobStream.BlobMismatch.class, () -> new CheckedBlobStream(new ByteArrayInputStream(new byte[1]), empty).read());
    }

    @Test
    void skippedAndSingleBytesAreCheckedToo() throws IOException {
        byte[] bad = BLOB.clone();
        bad[10] ^= 1;
        CheckedBlobStream in = new CheckedBlobStream(new ByteArrayInputStream(bad), descriptor());
        assertEquals(bad[0] & 0xff, in.read());
        assertEquals(BLOB.length - 2, in.skip(BLOB.length - 2));
        assertThrows(CheckedBlobStream.BlobMismatch.class, in::read);
    }
}
