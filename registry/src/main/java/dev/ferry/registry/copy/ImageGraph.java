package dev.ferry.registry.copy;

import dev.ferry.error.FerryException;
import dev.ferry.error.HashMismatch;
import dev.ferry.registry.oci.Manifest;
import dev.ferry.registry.store.ManifestTree;

/** An image to copy, as read from its source: its manifests in the order they must be written, and its blobs. */
record ImageGraph(CopyJob job, ManifestTree tree) {
    /** The top manifest or index, read by the pinned digest when there is one. */
    static Manifest top(CopyJob job) {
        String ref = job.pinned().map(Object::toString).orElse(job.reference());
        Manifest top = job.source().manifest(ref, "").orElseThrow(() -> new FerryException(job.source().describe() + " has no image "
                + ref + (job.pinned().isPresent() ? " (the digest the lock pins)" : ""),
                job.pinned().isPresent() ? "the source no longer serves the pinned digest; check the source, or pin the image again"
                        : "check the image name and tag, and the source mirror if one is set"));
        if (job.pinned().isPresent() && !job.pinned().get().equals(top.digest())) {
            throw new HashMismatch(job.source().describe() + ":" + job.reference(), job.pinned().get().algorithm(), job.pinned().get().hex(),
                    top.digest().hex(), "the source's image is not the pinned one; nothing was copied");
        }
        return top;
    }

    /** Everything below {@code top}, read from the job's source. */
    static ImageGraph read(CopyJob job, Manifest top) {
        return new ImageGraph(job, ManifestTree.read(job.source(), top, job.name(), (index, c) -> new FerryException(
                job.source().describe() + " lists " + c.digest() + " in the index of " + job.name() + " but does not have it",
                "the source is incomplete; try another source mirror")));
    }
}
