package dev.ferry.registry.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.progress.Progress;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Manifest;
import dev.ferry.registry.store.ImageSource;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Needs that arrive while a blob is on its way (images are read while others' blobs stream): one for the target
 * being sent to waits for that send; one for another target is served once the send ends; later ones hear the
 * outcome at once. Real OCI layouts on disk as the source and targets; the source holds its bytes back until told.
 */
class BlobTransferTest {
    @TempDir
    Path dir;

    @Test
    void needsThatArriveMidFlightAreServedByTheSameTransfer() throws Exception {
        byte[] bytes = new byte[300_000];
        new Random(5).nextBytes(bytes);
        Descriptor blob = Descriptor.of("application/vnd.oci.image.layer.v1.tar", Digest.sha256(bytes), bytes.length);
        OciLayout upstream = OciLayout.create(dir.resolve("upstream"));
        upstream.pushBlob(blob, () -> new ByteArrayInputStream(bytes), n -> { });
        Held source = new Held(upstream);
        OciLayout a = OciLayout.create(dir.resolve("a"));
        OciLayout b = OciLayout.create(dir.resolve("b"));

        BlobTransfer t = new BlobTransfer(blob, i -> Progress.none());
        assertInstanceOf(BlobTransfer.Attached.Queue.class, t.need(a, source, 0));
        List<String> ended = new ArrayList<>();
        Thread worker = new Thread(() -> t.run(CopyOptions.defaults(1), (transfer, outcome, images) -> {
            synchronized (ended) {
                ended.add(outcome.kind() + " " + images);
            }
        }));
        worker.start();
        assertTrue(source.opened.await(10, TimeUnit.SECONDS), "the send to a started");
        assertInstanceOf(BlobTransfer.Attached.Waiting.class, t.need(a, source, 1), "same target, send under way");
        assertInstanceOf(BlobTransfer.Attached.Waiting.class, t.need(b, source, 2), "another target, while running");
        source.release.countDown();
        worker.join(10_000);

        assertEquals(List.of("COPIED [0, 1]", "COPIED [2]"), ended);
        assertEquals(List.of(bytes.length, bytes.length), List.of(Files.readAllBytes(a.blobPath(blob.digest())).length,
                Files.readAllBytes(b.blobPath(blob.digest())).length));
        BlobTransfer.Attached later = t.need(b, source, 3);
        assertEquals(BlobTransfer.Kind.COPIED, assertInstanceOf(BlobTransfer.Attached.Ended.class, later).outcome().kind());
        OciLayout c = OciLayout.create(dir.resolve("c"));
        assertInstanceOf(BlobTransfer.Attached.Queue.class, t.need(c, source, 4), "an idle transfer is queued again");
    }

    /** A source whose blob streams give nothing until {@link #release}; {@link #opened} once one is read from. */
    private static final class Held implements ImageSource {
        final CountDownLatch opened = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        private final ImageSource inner;

        Held(ImageSource inner) {
            this.inner = inner;
        }

        @Override
        public String describe() {
            return "held " + inner.describe();
        }

        @Override
        public Optional<Manifest> manifest(String reference, String mediaType) {
            return inner.manifest(reference, mediaType);
        }

        @Override
        public InputStream blob(Descriptor blob, long offset) {
            return new FilterInputStream(inner.blob(blob, offset)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    opened.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted");
                    }
                    return super.read(b, off, len);
                }
            };
        }
    }
}
