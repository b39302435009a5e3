package dev.ferry.mirror.bundle;

import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Writes compressed bundle bytes to one file, or to parts of at most {@code partSize} bytes, each under a
 * {@code .partial} name and hashed as it is written (one pass). Nothing is renamed here: the writer renames
 * every part only when the whole bundle is complete.
 */
final class PartsOutputStream extends OutputStream {
    static final String PARTIAL = ".partial";

    /** A finished part, still under its temporary name. */
    record Written(Path temporary, Path target, long size, Hash sha256) {}

    private final Path output;
    private final OptionalLong partSize;
    private final List<Written> written = new ArrayList<>();
    private OutputStream current;
    private Path currentTemp;
    private Path currentTarget;
    private MessageDigest digest;
    private long inPart;
    private long total;

    PartsOutputStream(Path output, OptionalLong partSize) {
        this.output = output;
        this.partSize = partSize;
    }

    List<Written> written() {
        return List.copyOf(written);
    }

    long total() {
        return total;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            if (current == null) {
                openNext();
            }
            long room = partSize.isPresent() ? partSize.getAsLong() - inPart : Long.MAX_VALUE;
            int n = (int) Math.min(len, room);
            current.write(b, off, n);
            digest.update(b, off, n);
            inPart += n;
            total += n;
            off += n;
            len -= n;
            if (partSize.isPresent() && inPart == partSize.getAsLong()) {
                finishPart();
            }
        }
    }

    private void openNext() throws IOException {
        currentTarget = partSize.isPresent()
                ? output.resolveSibling(BundleFormat.partName(output.getFileName().toString(), written.size()))
                : output;
        currentTemp = currentTarget.resolveSibling(currentTarget.getFileName() + PARTIAL);
        current = Files.newOutputStream(currentTemp);
        digest = HashAlgorithm.SHA256.newDigest();
        inPart = 0;
    }

    private void finishPart() throws IOException {
        current.close();
        written.add(new Written(currentTemp, currentTarget, inPart, Hash.of(HashAlgorithm.SHA256, digest.digest())));
        current = null;
    }

    @Override
    public void flush() throws IOException {
        if (current != null) {
            current.flush();
        }
    }

    /** Closes the last part; a bundle always has at least one part, even if empty. */
    @Override
    public void close() throws IOException {
        if (current == null && written.isEmpty()) {
            openNext();
        }
        if (current != null) {
            finishPart();
        }
    }

    /** Removes every temporary file written so far (an interrupted or failed pack). */
    void discard() {
        try {
            if (current != null) {
                current.close();
            }
        } catch (IOException ignored) {
            // the file is deleted next
        }
        try {
            if (currentTemp != null) {
                Files.deleteIfExists(currentTemp);
            }
            for (Written w : written) {
                Files.deleteIfExists(w.temporary());
            }
        } catch (IOException ignored) {
            // best effort: a .partial file never looks finished anyway
        }
    }
}
