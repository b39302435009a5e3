package dev.ferry.mirror.bundle;

import com.github.luben.zstd.ZstdInputStream;
import com.github.luben.zstd.ZstdOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Re-writes a single-file bundle with entries changed: what someone editing a bundle by hand would do. */
public final class HandEditedBundle {

    /** The new bytes of the entry {@code name} (return {@code bytes} to keep it). */
    public interface Edit {
        byte[] apply(String name, byte[] bytes);
    }

    private HandEditedBundle() {}

    public static void rewrite(Path bundle, Edit edit) throws IOException {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try (InputStream in = new ZstdInputStream(Files.newInputStream(bundle));
             TarArchiveInputStream tin = new TarArchiveInputStream(in);
             OutputStream zout = new ZstdOutputStream(buf, 3);
             TarArchiveOutputStream tout = new TarArchiveOutputStream(zout)) {
            tout.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TarArchiveEntry e;
            while ((e = tin.getNextEntry()) != null) {
                byte[] bytes = edit.apply(e.getName(), tin.readAllBytes());
                TarArchiveEntry n = new TarArchiveEntry(e.getName());
                n.setSize(bytes.length);
                tout.putArchiveEntry(n);
                tout.write(bytes);
                tout.closeArchiveEntry();
            }
        }
        Files.write(bundle, buf.toByteArray());
    }
}
