package dev.ferry.registry.copy;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FerryException;
import dev.ferry.progress.Progress;
import dev.ferry.registry.copy.ImageResult.Status;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Copies images byte for byte, every platform: the manifest and index bytes and their media types go over
 * unchanged, so each image has upstream's digest in the target. In three steps, each {@code jobs} wide, the last
 * two overlapping:
 * <ol>
 *   <li>read each image's manifests from its source (an image whose tag already points at the wanted digest in
 *       the target is done; with a pinned digest that takes one request and none to the source);</li>
 *   <li>send every blob the targets lack, once per target repository, checked while it streams;</li>
 *   <li>as soon as the last blob an image needs arrived (while other images' blobs still stream), write its
 *       child manifests, then its index or manifest under its tag: nothing unverified or incomplete is ever
 *       reachable under a tag.</li>
 * </ol>
 * A failed image fails alone. A re-run sends nothing already there; an interrupted run completes on re-run.
 */
public final class ImageCopy {
    private final CopyOptions options;

    public ImageCopy(CopyOptions options) {
        this.options = options;
    }

    public CopyReport run(List<CopyJob> jobs, Progress progress) {
        ParallelMap parallel = new ParallelMap(options.jobs(), "image-copy");
        progress.plan(jobs.size(), "images", 0);
        List<Progress> images = jobs.stream().map(j -> progress.child(j.name())).toList();
        List<Read> read = parallel.map(indexes(jobs.size()), i -> resolve(jobs.get(i)));

        Publishing publishing = new Publishing(read, images);
        List<BlobTransfer> transfers = transfers(read, images);
        publishing.publishReady();
        Counters counters = new Counters();
        parallel.forEach(transfers.iterator(), t -> {
            counters.add(t, t.run(options), publishing.failures);
            t.images().forEach(publishing::blobDone);
        });
        return new CopyReport(publishing.results(), counters.copied.get(), counters.mounted.get(), counters.present.get(),
                counters.bytes.get());
    }

    /**
     * Pass 3 as pass 2 goes: an image is published by the thread that lands the last blob it waits for, so the
     * manifests of early images go out while the large layers of others still stream.
     */
    private final class Publishing {
        final Map<Integer, FerryException> failures = new ConcurrentHashMap<>();
        private final List<Read> read;
        private final List<Progress> images;
        private final AtomicIntegerArray waiting;
        private final AtomicReferenceArray<ImageResult> results;

        Publishing(List<Read> read, List<Progress> images) {
            this.read = read;
            this.images = images;
            this.waiting = new AtomicIntegerArray(read.size());
            this.results = new AtomicReferenceArray<>(read.size());
            for (int i = 0; i < read.size(); i++) {
                if (read.get(i) instanceof Read.Pending pending) {
                    waiting.set(i, pending.graph().tree().blobs().size());
                } else {
                    results.set(i, ((Read.Done) read.get(i)).result());
                    images.get(i).close();
                }
            }
        }

        /** Images that wait for no blob at all. */
        void publishReady() {
            for (int i = 0; i < read.size(); i++) {
                if (read.get(i) instanceof Read.Pending && waiting.get(i) == 0) {
                    publish(i);
                }
            }
        }

        /** One blob image {@code i} waits for is in its target, or failed (then in {@link #failures} already). */
        void blobDone(int i) {
            if (waiting.decrementAndGet(i) == 0) {
                publish(i);
            }
        }

        private void publish(int i) {
            try {
                ImageGraph g = ((Read.Pending) read.get(i)).graph();
                FerryException blobFailure = failures.get(i);
                results.set(i, blobFailure != null ? failed(g.job(), blobFailure) : ImageCopy.this.publish(g));
            } finally {
                images.get(i).close();
            }
        }

        List<ImageResult> results() {
            List<ImageResult> out = new ArrayList<>(results.length());
            for (int i = 0; i < results.length(); i++) {
                out.add(results.get(i));
            }
            return out;
        }
    }

    /** What pass 1 found for an image: done already (present, or unreadable), or a graph to copy. */
    private sealed interface Read {
        record Done(ImageResult result) implements Read {}

        record Pending(ImageGraph graph) implements Read {}
    }

    /** Pass 1 for one image. */
    private Read resolve(CopyJob job) {
        try {
            // The target is asked once: by tag when there is one (a pinned image found there needs no source
            // request), else by the digest the source's manifest has.
            Optional<Digest> tagged = !options.recheck() && job.tag().isPresent()
                    ? job.target().manifestDigest(job.tag().get()) : Optional.empty();
            if (job.pinned().isPresent() && tagged.equals(job.pinned())) {
                return new Read.Done(new ImageResult(job.name(), job.target().describe(), Status.PRESENT, job.pinned(),
                        Optional.empty(), List.of(), Optional.empty()));
            }
            Manifest top = ImageGraph.top(job);
            Optional<Digest> there = options.recheck() || job.tag().isPresent()
                    ? tagged : job.target().manifestDigest(top.digest().toString());
            if (there.equals(Optional.of(top.digest()))) {
                return new Read.Done(result(job, top, Status.PRESENT));
            }
            return new Read.Pending(ImageGraph.read(job, top));
        } catch (FerryException e) {
            return new Read.Done(failed(job, e));
        }
    }

    /**
     * Pass 2's work: one transfer per blob digest, naming every target that needs it and the images waiting.
     * A transfer reports under the first image that needs it, which plans it as one of its blobs.
     */
    private static List<BlobTransfer> transfers(List<Read> read, List<Progress> images) {
        Map<Digest, BlobTransfer> byDigest = new LinkedHashMap<>();
        for (int i = 0; i < read.size(); i++) {
            if (read.get(i) instanceof Read.Pending pending) {
                ImageGraph g = pending.graph();
                long owned = 0;
                long bytes = 0;
                for (Descriptor b : g.tree().blobs()) {
                    BlobTransfer t = byDigest.get(b.digest());
                    if (t == null) {
                        t = new BlobTransfer(b, images.get(i));
                        byDigest.put(b.digest(), t);
                        owned++;
                        bytes += b.size();
                    }
                    t.need(g.job().target(), g.job().source(), i);
                }
                images.get(i).plan(owned, "blobs", bytes);
            }
        }
        // largest first: the long transfers start at once instead of trailing alone at the end
        List<BlobTransfer> out = new ArrayList<>(byDigest.values());
        out.sort(java.util.Comparator.comparingLong((BlobTransfer t) -> t.blob().size()).reversed());
        return out;
    }

    /** Pass 3 for one image: children first, the tag last. */
    private ImageResult publish(ImageGraph g) {
        CopyJob job = g.job();
        try {
            for (Manifest child : g.tree().children()) {
                job.target().pushManifest(child, Optional.empty());
            }
            job.target().pushManifest(g.tree().top(), job.tag());
            return result(job, g.tree().top(), Status.COPIED);
        } catch (FerryException e) {
            return failed(job, e);
        }
    }

    private static ImageResult result(CopyJob job, Manifest top, Status status) {
        return new ImageResult(job.name(), job.target().describe(), status, Optional.of(top.digest()), Optional.of(top.mediaType()),
                top.platforms(), Optional.empty());
    }

    private static ImageResult failed(CopyJob job, FerryException e) {
        return new ImageResult(job.name(), job.target().describe(), Status.FAILED, job.pinned(), Optional.empty(), List.of(), Optional.of(e));
    }

    private static List<Integer> indexes(int n) {
        List<Integer> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(i);
        }
        return out;
    }

    /** What moved, counted once per blob and target. */
    private static final class Counters {
        final AtomicLong copied = new AtomicLong();
        final AtomicLong mounted = new AtomicLong();
        final AtomicLong present = new AtomicLong();
        final AtomicLong bytes = new AtomicLong();

        void add(BlobTransfer t, List<BlobTransfer.Outcome> outcomes, Map<Integer, FerryException> failures) {
            for (BlobTransfer.Outcome o : outcomes) {
                switch (o.kind()) {
                    case PRESENT -> present.incrementAndGet();
                    case MOUNTED -> mounted.incrementAndGet();
                    case COPIED -> {
                        copied.incrementAndGet();
                        bytes.addAndGet(t.blob().size());
                    }
                    case FAILED -> o.need().images().forEach(i -> failures.putIfAbsent(i, o.failure().orElseThrow()));
                }
            }
        }
    }
}
