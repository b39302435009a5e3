package dev.ferry.mirror.bundle;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The container images a bundle carries, as an OCI image layout under {@value BundleFormat#IMAGES}: its
 * {@code index.json} (each image annotated with its canonical name) and every blob, manifests included, once.
 *
 * @param indexJson the layout's {@code index.json}
 * @param images    each image as the header records it
 * @param blobs     every blob and the verified file it is packed from
 */
public record BundleImages(byte[] indexJson, List<BundleImage> images, List<BlobFile> blobs) {
    /** No images: a bundle of files only (the format of earlier Ferry versions). */
    public static final BundleImages NONE = new BundleImages(new byte[0], List.of(), List.of());

    /** A blob to pack, from a file whose bytes were checked when it was stored; checked again as it is packed. */
    public record BlobFile(Path file, BundleBlob blob) {
        public BlobFile {
            Objects.requireNonNull(file, "file");
            Objects.requireNonNull(blob, "blob");
        }
    }

    public BundleImages {
        indexJson = indexJson.clone();
        images = List.copyOf(images);
        blobs = List.copyOf(blobs);
    }

    public boolean isEmpty() {
        return images.isEmpty();
    }
}
