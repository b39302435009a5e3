package dev.ferry.format;

import com.sun.nio.file.ExtendedOpenOption;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;

/** What direct I/O ({@code O_DIRECT}) needs: the file system's block size, aligned buffers, and a channel that may be refused. */
final class DirectBlocks {
    /** Set to false ({@code -Dferry.directIo=false}) to write and read through the page cache, for comparison. */
    private static final boolean ENABLED = !"false".equals(System.getProperty("ferry.directIo"));
    /** Larger blocks than this would make a buffer of {@link DirectFileWriter#BUFFER} bytes hold too few. */
    private static final int MAX_ALIGN = 64 * 1024;

    private DirectBlocks() {}

    /** The alignment direct I/O on {@code path}'s file system needs, or 0 when direct I/O is off or unusable there. */
    static int alignment(Path path) {
        if (!ENABLED) {
            return 0;
        }
        try {
            long size = Files.getFileStore(path).getBlockSize();
            return size > 0 && size <= MAX_ALIGN && Long.bitCount(size) == 1 ? (int) size : 0;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return 0;
        }
    }

    /** A channel on {@code file} with {@code O_DIRECT}, or null when the platform or the file system refuses it. */
    static FileChannel openDirect(Path file, OpenOption mode) {
        try {
            return FileChannel.open(file, mode, ExtendedOpenOption.DIRECT);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** A buffer for a file of {@code expected} bytes (-1: unknown): whole blocks, at most {@link DirectFileWriter#BUFFER}. */
    static int bufferFor(long expected, int align) {
        if (expected < 0 || expected >= DirectFileWriter.BUFFER) {
            return DirectFileWriter.BUFFER;
        }
        int block = Math.max(align, 1);
        return (int) Math.max(block, (expected + block - 1) / block * block);
    }

    /** A direct buffer of {@code size} bytes whose address is a multiple of {@code align}. */
    static ByteBuffer allocate(int size, int align) {
        return ByteBuffer.allocateDirect(size + align).alignedSlice(align).limit(size).slice();
    }
}
