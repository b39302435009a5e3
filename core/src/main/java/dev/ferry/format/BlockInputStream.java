package dev.ferry.format;

import java.io.IOException;
import java.io.InputStream;

/**
 * A stream that does its work (counting, hashing, resuming, moving to the next part) in the block read alone: the
 * one-byte read goes through it, so a caller reading byte by byte gets the same checks as one reading blocks.
 * {@link InputStream#skip} already reads through the block read, so skipped bytes are checked too.
 */
public abstract class BlockInputStream extends InputStream {

    @Override
    public abstract int read(byte[] b, int off, int len) throws IOException;

    @Override
    public final int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }
}
