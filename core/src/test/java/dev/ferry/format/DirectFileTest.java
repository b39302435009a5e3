package dev.ferry.format;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The direct writer and reader give back exactly the bytes written, at every size around the block and buffer
 * boundaries, directly and the ordinary way (what a file system that refuses O_DIRECT gets).
 */
class DirectFileTest {
    private static final int[] SIZES = {0, 1, 4095, 4096, 4097, DirectFileWriter.BUFFER - 1, DirectFileWriter.BUFFER,
        DirectFileWriter.BUFFER + 3, 3 * DirectFileWriter.BUFFER + 12_345};

    @TempDir
    Path dir;

    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void writesEverySizeInUnevenPiecesAndReadsItBack(boolean direct) throws IOException {
        for (int size : SIZES) {
            byte[] want = bytes(size, size);
            Path f = dir.resolve("f" + size + direct);
            try (DirectFileWriter w = DirectFileWriter.open(f, 0, true, -1, direct)) {
                Random pieces = new Random(7);
                for (int at = 0; at < size; ) {
                    int n = Math.min(size - at, 1 + pieces.nextInt(300_000));
                    w.write(want, at, n);
                    at += n;
                }
                assertEquals(size, w.size());
                w.force();
            }
            assertArrayEquals(want, Files.readAllBytes(f), "size " + size);
            assertArrayEquals(want, readPieces(f), "size " + size + ", read back in pieces");
            try (InputStream in = DirectFileReader.open(f)) {
                assertArrayEquals(want, in.readAllBytes(), "size " + size + ", read back as a stream");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 4096, 150_000, DirectFileWriter.BUFFER + 5})
    void resumesAfterTheKeptBytesWhereverTheyEnd(long keep) throws IOException {
        byte[] want = bytes(2 * DirectFileWriter.BUFFER + 777, keep);
        Path f = dir.resolve("part");
        byte[] earlier = Arrays.copyOf(want, (int) keep + 5000); // an earlier attempt wrote more than is kept
        Arrays.fill(earlier, (int) keep, earlier.length, (byte) 0x55);
        Files.write(f, earlier);
        try (DirectFileWriter w = DirectFileWriter.open(f, keep, false, want.length - keep)) {
            w.write(want, (int) keep, want.length - (int) keep);
            w.force();
        }
        assertArrayEquals(want, Files.readAllBytes(f));
    }

    @Test
    void fillsFromAChannelAndShowsEachPieceOnce() throws IOException {
        byte[] want = bytes(5 * DirectFileWriter.BUFFER / 2 + 99, 3);
        ReadableByteChannel in = Channels.newChannel(new TrickleStream(want));
        Path f = dir.resolve("filled");
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try (DirectFileWriter w = DirectFileWriter.open(f, 0, true, want.length)) {
            for (ByteBuffer got = w.fill(in); got.hasRemaining(); got = w.fill(in)) {
                byte[] piece = new byte[got.remaining()];
                got.get(piece);
                seen.write(piece);
            }
            w.force();
        }
        assertArrayEquals(want, seen.toByteArray(), "every byte seen once, in order");
        assertArrayEquals(want, Files.readAllBytes(f));
    }

    @Test
    void copiesReaderPiecesWithoutChangingThem() throws IOException {
        byte[] want = bytes(2 * DirectFileWriter.BUFFER + 4096 * 3 + 17, 11);
        Path from = dir.resolve("from");
        Files.write(from, want);
        Path to = dir.resolve("to");
        try (DirectFileReader r = DirectFileReader.open(from); DirectFileWriter w = DirectFileWriter.open(to, 0, true, want.length)) {
            for (ByteBuffer piece = r.next(); piece.hasRemaining(); piece = r.next()) {
                w.write(piece);
            }
            w.force();
        }
        assertArrayEquals(want, Files.readAllBytes(to));
    }

    @Test
    void refusesToReuseAnExistingTemporaryName() throws IOException {
        Path f = dir.resolve("taken");
        Files.write(f, new byte[] {1});
        assertTrue(assertThrowsIo(() -> DirectFileWriter.open(f, 0, true, -1)) instanceof java.nio.file.FileAlreadyExistsException);
    }

    private static IOException assertThrowsIo(IoAction a) {
        try {
            a.run();
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("expected an IOException");
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static byte[] readPieces(Path f) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        try (DirectFileReader r = DirectFileReader.open(f)) {
            for (ByteBuffer piece = r.next(); piece.hasRemaining(); piece = r.next()) {
                byte[] b = new byte[piece.remaining()];
                piece.get(b);
                all.write(b);
            }
        }
        return all.toByteArray();
    }

    /** Hands out its bytes a few thousand at a time, as a network does. */
    private static final class TrickleStream extends ByteArrayInputStream {
        private final Random sizes = new Random(5);

        TrickleStream(byte[] b) {
            super(b);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + sizes.nextInt(9000)));
        }
    }
}
