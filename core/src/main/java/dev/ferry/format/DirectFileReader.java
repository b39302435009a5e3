package dev.ferry.format;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a large file straight from the disk ({@code O_DIRECT}), around the page cache, where the file system
 * allows it; an ordinary read where it does not. For files read once from start to end (a verified cache file
 * being published or uploaded), so their bytes are not copied into the page cache on the way (see
 * {@link DirectFileWriter} for why that copy matters). The kernel keeps direct reads coherent with what is in the
 * page cache: a file written the ordinary way a moment ago reads the same.
 */
public final class DirectFileReader extends InputStream {
    private final Path file;
    private FileChannel channel;
    private boolean direct;
    private final ByteBuffer block;
    private long position;
    private boolean eof;

    private DirectFileReader(Path file, FileChannel channel, boolean direct, ByteBuffer block) {
        this.file = file;
        this.channel = channel;
        this.direct = direct;
        this.block = block;
        block.limit(0);
    }

    public static DirectFileReader open(Path file) throws IOException {
        int align = DirectFileWriter.alignment(file);
        FileChannel direct = align > 0 ? DirectBlocks.openDirect(file, StandardOpenOption.READ) : null;
        FileChannel channel = direct != null ? direct : FileChannel.open(file, StandardOpenOption.READ);
        try {
            int buffer = DirectBlocks.bufferFor(channel.size(), align);
            return new DirectFileReader(file, channel, direct != null,
                    direct != null ? DirectBlocks.allocate(buffer, align) : ByteBuffer.allocateDirect(buffer));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * The next piece of the file, up to {@link DirectFileWriter#BUFFER} bytes, valid until the next call; empty at
     * the end. The caller may consume it (move its position), not write into it.
     */
    public ByteBuffer next() throws IOException {
        block.clear();
        while (!eof && block.hasRemaining()) {
            int wanted = block.remaining();
            int n = readAt(position);
            // A regular file answers short only at its end (and a direct read may not go on from an unaligned offset).
            eof = n < wanted;
            position += Math.max(n, 0);
        }
        block.flip();
        return block;
    }

    /** One read; a direct read the file system refuses after all (EINVAL) is made again the ordinary way, as are the rest. */
    private int readAt(long at) throws IOException {
        int start = block.position();
        try {
            return channel.read(block, at);
        } catch (IOException e) {
            if (!direct) {
                throw e;
            }
            channel.close();
            channel = FileChannel.open(file, StandardOpenOption.READ);
            direct = false;
            block.position(start);
            return channel.read(block, at);
        }
    }

    @Override
    public int read() throws IOException {
        if (!block.hasRemaining() && !next().hasRemaining()) {
            return -1;
        }
        return block.get() & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!block.hasRemaining() && !next().hasRemaining()) {
            return -1;
        }
        int n = Math.min(len, block.remaining());
        block.get(b, off, n);
        return n;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
