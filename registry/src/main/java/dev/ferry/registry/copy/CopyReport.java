package dev.ferry.registry.copy;

import java.util.List;

/**
 * The end of a copy: each image's result (in the jobs' order) and what moved. A blob needed by several images
 * counts once.
 */
public record CopyReport(List<ImageResult> images, long blobsCopied, long blobsMounted, long blobsPresent, long bytesCopied) {

    public CopyReport {
        images = List.copyOf(images);
    }

    public long count(ImageResult.Status status) {
        return images.stream().filter(i -> i.status() == status).count();
    }

    public boolean failed() {
        return count(ImageResult.Status.FAILED) > 0;
    }

    /** "3 images copied, 12 present, 0 failed; 41 blobs copied (1.2 GiB), 3 mounted, 17 present". */
    public String summary() {
        return count(ImageResult.Status.COPIED) + " images copied, " + count(ImageResult.Status.PRESENT) + " present, "
                + count(ImageResult.Status.FAILED) + " failed; " + blobsCopied + " blobs copied ("
                + dev.ferry.format.Sizes.human(bytesCopied) + "), " + blobsMounted + " mounted, " + blobsPresent + " present";
    }
}
