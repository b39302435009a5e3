package dev.ferry.registry.copy;

import dev.ferry.error.FerryException;
import dev.ferry.error.HashMismatch;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An image as read from its source: the top manifest or index, every child manifest (nested indexes included)
 * in the order they must be written (children before their index), and every blob they refer to, once.
 */
record ImageGraph(CopyJob job, Manifest top, List<Manifest> children, List<Descriptor> blobs) {
    /** Indexes of indexes are legal; deeper than this is a loop or an abuse. */
    private static final int MAX_DEPTH = 4;

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
        List<Manifest> children = new ArrayList<>();
        walk(job, top, children, 1);
        Map<String, Descriptor> blobs = new LinkedHashMap<>();
        for (Manifest m : children) {
            m.blobs().stream().filter(b -> !b.nonDistributable()).forEach(b -> blobs.putIfAbsent(b.digest().toString(), b));
        }
        top.blobs().stream().filter(b -> !b.nonDistributable()).forEach(b -> blobs.putIfAbsent(b.digest().toString(), b));
        return new ImageGraph(job, top, List.copyOf(children), List.copyOf(blobs.values()));
    }

    private static void walk(CopyJob job, Manifest index, List<Manifest> out, int depth) {
        if (index.children().isEmpty()) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new FerryException(job.name() + " nests indexes deeper than " + MAX_DEPTH, "check the image");
        }
        for (Descriptor c : index.children()) {
            Manifest child = job.source().manifest(c.digest().toString(), c.mediaType()).orElseThrow(() -> new FerryException(
                    job.source().describe() + " lists " + c.digest() + " in the index of " + job.name() + " but does not have it",
                    "the source is incomplete; try another source mirror"));
            walk(job, child, out, depth + 1);
            if (out.stream().noneMatch(m -> m.digest().equals(child.digest()))) {
                out.add(child);
            }
        }
    }
}
