package dev.ferry.mirror.bundle;

import dev.ferry.format.BlockInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The bundle's files read one after another as a single stream, remembering which one is being read. */
public final class PartsInputStream extends BlockInputStream {
    private final List<Path> files;
    private int index = -1;
    private InputStream current;
    private long offset;

    PartsInputStream(List<Path> files) {
        this.files = files;
    }

    /** "part NAME.002" or the file name, and the byte offset in the whole bundle; for messages. */
    public String where() {
        int i = Math.max(0, Math.min(index, files.size() - 1));
        String what = files.size() > 1 ? "part " + files.get(i).getFileName() : files.get(i).getFileName().toString();
        return what + ", byte " + offset + " of the bundle";
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (current == null) {
                if (index + 1 >= files.size()) {
                    return -1;
                }
                current = Files.newInputStream(files.get(++index));
            }
            int n = current.read(b, off, len);
            if (n >= 0) {
                offset += n;
                return n;
            }
            current.close();
            current = null;
        }
    }

    @Override
    public void close() throws IOException {
        if (current != null) {
            current.close();
        }
    }
}
