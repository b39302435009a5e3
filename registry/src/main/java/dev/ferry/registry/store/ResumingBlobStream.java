package dev.ferry.registry.store;

import dev.ferry.error.FerryException;
import dev.ferry.error.NetworkFailure;
import dev.ferry.error.Unreachable;
import dev.ferry.format.BlockInputStream;
import dev.ferry.registry.oci.CheckedBlobStream.BlobMismatch;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.retry.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;

/**
 * A blob read from a source that picks up where it broke: when the connection drops, the blob is asked for
 * again from the byte reached ({@code Range}), a few times, so a long layer survives a flaky link without
 * starting over. Opened lazily; a source that cannot be read surfaces as a {@link SourceFailure}.
 */
public final class ResumingBlobStream extends BlockInputStream {
    private final ImageSource source;
    private final Descriptor blob;
    private final RetryPolicy resumes;
    private InputStream in;
    private long position;
    private int broken;

    public ResumingBlobStream(ImageSource source, Descriptor blob, RetryPolicy resumes) {
        this.source = source;
        this.blob = blob;
        this.resumes = resumes;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        while (true) {
            if (in == null) {
                try {
                    in = source.blob(blob, position);
                } catch (FerryException e) {
                    throw new SourceFailure(e);
                }
            }
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    position += n;
                }
                return n;
            } catch (BlobMismatch | SourceFailure e) {
                throw e;
            } catch (IOException e) {
                closeQuietly();
                if (++broken >= resumes.maxAttempts()) {
                    throw new SourceFailure(new Unreachable(source.describe() + " blob " + blob.digest(),
                            NetworkFailure.of(e, ""), "the source kept dropping the connection; run again to resume"));
                }
                RetryPolicy.pause(resumes.delay(broken));
            }
        }
    }

    private void closeQuietly() {
        if (in != null) {
            try {
                in.close();
            } catch (IOException ignored) {
                // the connection is gone already
            }
            in = null;
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
