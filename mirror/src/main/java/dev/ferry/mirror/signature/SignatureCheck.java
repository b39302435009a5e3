package dev.ferry.mirror.signature;

import dev.ferry.error.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A signature check fed a file's bytes as they pass: the same buffers a download hashes go to
 * {@link #update}, so the file is read once and memory stays flat whatever its size. Everything that can be
 * judged before the bytes (the signer's key or certificate, its identity) was judged when the check was made,
 * so a refused signature costs no download. Not thread-safe: one check per file.
 *
 * @param <V> what a verified signature of this kind says
 */
public sealed interface SignatureCheck<V extends Verified> permits OpenPgpDetachedCheck, SigstoreBlobCheck {

    /** Feeds the next {@code length} bytes of the file. */
    void update(byte[] bytes, int offset, int length);

    /**
     * After the last byte: who signed them.
     *
     * @throws dev.ferry.error.SignatureRefused when the signature is not over these bytes
     */
    V finish();

    /** Feeds a whole file (in 64 KiB reads) and finishes. */
    default V overFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                update(buffer, 0, n);
            }
        } catch (IOException e) {
            throw new FerryException("cannot read " + file + " to check its signature: " + e.getMessage(), "check that the file exists and is readable");
        }
        return finish();
    }
}
