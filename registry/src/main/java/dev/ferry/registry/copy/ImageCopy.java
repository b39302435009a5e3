package dev.ferry.registry.copy;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FerryException;
import dev.ferry.progress.Progress;
import dev.ferry.registry.copy.ImageResult.Status;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Manifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Copies images byte for byte, every platform: the manifest and index bytes and their media types go over
 * unchanged, so each image has upstream's digest in the target. Three steps per image, all images' steps sharing
 * {@code jobs} workers (a {@link CopyQueue}), so that one image's blobs stream while others are still read:
 * <ol>
 *   <li>read the image's manifests from its source (an image whose tag already points at the wanted digest in
 *       the target is done; with a pinned digest that takes one request and none to the source);</li>
 *   <li>send every blob the target lacks, once per target repository whichever images need it, checked while it
 *       streams (a {@link BlobTransfer} per digest);</li>
 *   <li>as soon as the last blob the image needs is in its target, write its child manifests, then its index or
 *       manifest under its tag: nothing unverified or incomplete is ever reachable under a tag.</li>
 * </ol>
 * A failed image fails alone. A re-run sends nothing already there; an interrupted run completes on re-run.
 */
public final class ImageCopy {
    private final CopyOptions options;

    public ImageCopy(CopyOptions options) {
        this.options = options;
    }

    public CopyReport run(List<CopyJob> jobs, Progress progress) {
        progress.plan(jobs.size(), "images", 0);
        Run run = new Run(jobs, jobs.stream().map(j -> progress.child(j.name())).toList());
        new ParallelMap(options.jobs(), "image-copy").forEach(run.queue, Runnable::run);
        return run.report();
    }

    /** One copy under way: the work queue, the transfers by digest, what each image still waits for, the results. */
    private final class Run {
        final CopyQueue queue = new CopyQueue(options.jobs() / 2);
        private final List<CopyJob> jobs;
        private final List<Progress> images;
        private final Map<Digest, BlobTransfer> transfers = new HashMap<>(); // guarded by itself
        private final AtomicReferenceArray<ImageGraph> graphs;
        private final AtomicIntegerArray waiting;
        private final AtomicReferenceArray<ImageResult> results;
        private final Map<Integer, FerryException> failures = new ConcurrentHashMap<>();
        private final AtomicLong copied = new AtomicLong();
        private final AtomicLong mounted = new AtomicLong();
        private final AtomicLong present = new AtomicLong();
        private final AtomicLong bytes = new AtomicLong();

        Run(List<CopyJob> jobs, List<Progress> images) {
            this.jobs = jobs;
            this.images = images;
            this.graphs = new AtomicReferenceArray<>(jobs.size());
            this.waiting = new AtomicIntegerArray(jobs.size());
            this.results = new AtomicReferenceArray<>(jobs.size());
            for (int i = 0; i < jobs.size(); i++) {
                int image = i;
                queue.read(() -> read(image));
            }
        }

        /** Step 1 for image {@code i}; then its blobs join the transfers (one per digest) and the queue. */
        private void read(int i) {
            Read r = resolve(jobs.get(i));
            if (r instanceof Read.Done done) {
                results.set(i, done.result());
                images.get(i).close();
                return;
            }
            ImageGraph g = ((Read.Pending) r).graph();
            graphs.set(i, g);
            // one more than the blobs: held until all of them are attached, so an early ending cannot publish it
            waiting.set(i, g.tree().blobs().size() + 1);
            List<BlobTransfer> toQueue = new ArrayList<>();
            List<BlobTransfer.Outcome> known = new ArrayList<>();
            long owned = 0;
            long ownedBytes = 0;
            synchronized (transfers) {
                for (Descriptor b : g.tree().blobs()) {
                    BlobTransfer t = transfers.get(b.digest());
                    if (t == null) {
                        t = new BlobTransfer(b, images::get);
                        transfers.put(b.digest(), t);
                        owned++;
                        ownedBytes += b.size();
                    }
                    BlobTransfer.Attached a = t.need(g.job().target(), g.job().source(), i);
                    if (a instanceof BlobTransfer.Attached.Queue) {
                        toQueue.add(t);
                    } else if (a instanceof BlobTransfer.Attached.Ended e) {
                        known.add(e.outcome());
                    }
                }
            }
            images.get(i).plan(owned, "blobs", ownedBytes);
            for (BlobTransfer t : toQueue) {
                queue.send(t.blob().size(), () -> t.run(options, this::ended));
            }
            known.forEach(o -> ended(o, i));
            blobDone(i);
        }

        /** A need of {@code transfer} ended: counted once per blob and target, then each waiting image hears. */
        private void ended(BlobTransfer transfer, BlobTransfer.Outcome outcome, List<Integer> waited) {
            switch (outcome.kind()) {
                case PRESENT -> present.incrementAndGet();
                case MOUNTED -> mounted.incrementAndGet();
                case COPIED -> {
                    copied.incrementAndGet();
                    bytes.addAndGet(transfer.blob().size());
                }
                case FAILED -> { }
            }
            waited.forEach(i -> ended(outcome, i));
        }

        private void ended(BlobTransfer.Outcome outcome, int image) {
            outcome.failure().ifPresent(f -> failures.putIfAbsent(image, f));
            blobDone(image);
        }

        /** One blob image {@code i} waits for is in its target, or failed (then in {@link #failures} already). */
        private void blobDone(int i) {
            if (waiting.decrementAndGet(i) == 0) {
                try {
                    FerryException blobFailure = failures.get(i);
                    ImageGraph g = graphs.get(i);
                    results.set(i, blobFailure != null ? failed(g.job(), blobFailure) : publish(g));
                } finally {
                    images.get(i).close();
                }
            }
        }

        CopyReport report() {
            List<ImageResult> out = new ArrayList<>(results.length());
            for (int i = 0; i < results.length(); i++) {
                out.add(results.get(i));
            }
            return new CopyReport(out, copied.get(), mounted.get(), present.get(), bytes.get());
        }
    }

    /** What step 1 found for an image: done already (present, or unreadable), or a graph to copy. */
    private sealed interface Read {
        record Done(ImageResult result) implements Read {}

        record Pending(ImageGraph graph) implements Read {}
    }

    /** Step 1 for one image. */
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

    /** Step 3 for one image: children first, the tag last. */
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
}
