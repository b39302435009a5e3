package dev.ferry.format;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Writes a large file straight to the disk ({@code O_DIRECT}), around the page cache, where the file system
 * allows it; an ordinary write where it does not.
 *
 * <p>Why: a verified download or a published copy is written once and read back at most once, so putting its
 * bytes in the page cache first costs a copy per byte and memory the kernel must find and later write back;
 * on a virtual machine whose memory the host hands out on first touch that copy costs more than sha256 of the
 * same bytes. Written directly, the bytes go from this writer's buffer to the device. Durability is unchanged:
 * {@link #force} still fsyncs, which makes the size and the device's own cache durable.
 *
 * <p>Direct writes need whole, aligned blocks, so bytes collect in an aligned buffer; a partial last block, and
 * after a resume the bytes up to the first block boundary, are written the ordinary way. A file system that refuses direct I/O (tmpfs on older kernels, some FUSE and
 * network file systems) gets ordinary writes throughout. One writer per file, one thread at a time.
 */
public final class DirectFileWriter implements AutoCloseable {
    /** Bytes per write to the device. */
    public static final int BUFFER = 1 << 20;

    private final FileChannel plain;
    private FileChannel direct; // null when direct writes are refused
    private final int align;
    private final ByteBuffer block;
    private long size;

    private DirectFileWriter(FileChannel plain, FileChannel direct, int align, long size, int buffer) {
        this.plain = plain;
        this.direct = direct;
        this.align = align;
        this.block = direct == null ? ByteBuffer.allocate(buffer) : DirectBlocks.allocate(buffer, align);
        this.size = size;
        toNextBlock();
    }

    /**
     * Opens {@code file} (created when absent) to write after its first {@code keep} bytes; anything after them is
     * cut off. When {@code keep} ends inside a block, the bytes up to the block's end are written the ordinary way.
     *
     * @param createNew fail when the file exists (a temporary name that must be this writer's own)
     * @param expected  how many bytes will follow, when known (-1 if not): a small file gets a small buffer
     */
    public static DirectFileWriter open(Path file, long keep, boolean createNew, long expected) throws IOException {
        return open(file, keep, createNew, expected, true);
    }

    /** {@link #open}; with {@code allowDirect} false, ordinary writes throughout (as where the file system refuses). */
    static DirectFileWriter open(Path file, long keep, boolean createNew, long expected, boolean allowDirect) throws IOException {
        FileChannel plain = FileChannel.open(file, StandardOpenOption.WRITE, createNew ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        try {
            plain.truncate(keep);
            int align = DirectBlocks.alignment(file);
            FileChannel direct = allowDirect && align > 0 ? DirectBlocks.openDirect(file, StandardOpenOption.WRITE) : null;
            return new DirectFileWriter(plain, direct, Math.max(align, 1), keep, DirectBlocks.bufferFor(expected, align));
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    /** The block size direct writes to {@code file}'s file system must be aligned to; 0 when it allows none. */
    public static int alignment(Path file) {
        return DirectBlocks.alignment(Files.isDirectory(file) ? file : file.toAbsolutePath().getParent());
    }

    /** Bytes in the file so far, including those still in the buffer. */
    public long size() {
        return size + block.position();
    }

    /** Appends {@code len} bytes of {@code b}. */
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = Math.min(len, block.remaining());
            block.put(b, off, n);
            off += n;
            len -= n;
            if (!block.hasRemaining()) {
                drain();
            }
        }
    }

    /**
     * Appends the remaining bytes of {@code src}. A piece of whole blocks from a {@link DirectFileReader} goes to
     * the disk as it is, without a copy.
     */
    public void write(ByteBuffer src) throws IOException {
        if (direct != null && block.position() == 0 && size % align == 0 && src.isDirect() && src.remaining() % align == 0
                && src.alignmentOffset(src.position(), align) == 0) {
            writeBlocks(src);
            return;
        }
        while (src.hasRemaining()) {
            int n = Math.min(src.remaining(), block.remaining());
            ByteBuffer piece = src.duplicate();
            piece.limit(piece.position() + n);
            block.put(piece);
            src.position(src.position() + n);
            if (!block.hasRemaining()) {
                drain();
            }
        }
    }

    /**
     * Reads from {@code in} straight into this writer's buffer until the buffer is full or {@code in} ends, and
     * returns the bytes just read: a view to look at (hash) until the next call, empty once {@code in} has ended.
     * They are written out when the buffer is full, at {@link #force} and at {@link #close}; bytes read before
     * {@code in} failed are kept too.
     */
    public ByteBuffer fill(ReadableByteChannel in) throws IOException {
        if (!block.hasRemaining()) {
            drain();
        }
        int start = block.position();
        while (block.hasRemaining() && in.read(block) >= 0) {
            // until the buffer is full or the source ends
        }
        ByteBuffer got = block.duplicate();
        got.flip().position(start);
        return got.asReadOnlyBuffer();
    }

    /** Writes out what is buffered and fsyncs: every byte written so far is on the disk when this returns. */
    public void force() throws IOException {
        drain();
        plain.force(false);
    }

    /** Writes the buffer at the end of the file: its whole blocks directly, a partial last block the ordinary way. */
    private void drain() throws IOException {
        block.flip();
        int whole = direct == null ? 0 : block.remaining() - block.remaining() % align;
        if (whole > 0) {
            ByteBuffer blocks = block.duplicate();
            blocks.limit(whole);
            writeBlocks(blocks);
            block.position(whole);
        }
        if (block.hasRemaining()) {
            int tail = block.remaining();
            writeFully(plain, block, size);
            size += tail;
        }
        block.clear();
        toNextBlock();
    }

    /**
     * When the file ends inside a block (a resumed download, a partial last write), the buffer takes only the bytes
     * up to that block's end, which go the ordinary way; the buffer after that starts on a block boundary again.
     */
    private void toNextBlock() {
        if (direct != null && size % align != 0) {
            block.limit((int) (align - size % align));
        }
    }

    /** Whole blocks at the end of the file, directly; the ordinary way from here on if the file system refuses. */
    private void writeBlocks(ByteBuffer blocks) throws IOException {
        int n = blocks.remaining();
        int start = blocks.position();
        try {
            writeFully(direct, blocks, size);
        } catch (IOException e) {
            // Refused (EINVAL: the file system wants another alignment, or cannot after all): ordinary writes from here.
            closeDirect();
            blocks.position(start);
            writeFully(plain, blocks, size);
        }
        size += n;
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long at) throws IOException {
        while (buf.hasRemaining()) {
            at += ch.write(buf, at);
        }
    }

    private void closeDirect() {
        if (direct != null) {
            try {
                direct.close();
            } catch (IOException e) {
                // nothing of ours is pending on it
            }
            direct = null;
        }
    }

    /** Closes the file, writing out what is buffered (without an fsync: call {@link #force} for that). */
    @Override
    public void close() throws IOException {
        try {
            drain();
        } finally {
            closeDirect();
            plain.close();
        }
    }
}
