package dev.ferry.registry.copy;

import dev.ferry.error.FerryException;
import dev.ferry.format.Sizes;
import dev.ferry.progress.Progress;
import dev.ferry.registry.client.RegistryClient;
import dev.ferry.registry.oci.CheckedBlobStream;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.store.ImageSource;
import dev.ferry.registry.store.ImageTarget;
import dev.ferry.registry.store.ResumingBlobStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntFunction;

/**
 * One blob into every target that needs it: a target that has it is left alone (HEAD); one that shares
 * a registry with a target that has it mounts it; the others get its bytes from a source, checked while they
 * stream and retried whole when the target or the network fails.
 *
 * <p>Needs arrive as images are read, also while the blob is on its way: a need for a target already sent to
 * (or being sent to) waits for that one send; a need for another target is served by the same transfer once the
 * current round ends, so it can mount what the round sent. One worker runs a transfer at a time.
 */
final class BlobTransfer {
    enum Kind { PRESENT, MOUNTED, COPIED, FAILED }

    /** How the blob got into one target, or why it did not. */
    record Outcome(Kind kind, Optional<FerryException> failure) {
        static Outcome of(Kind kind) {
            return new Outcome(kind, Optional.empty());
        }

        static Outcome failed(FerryException e) {
            return new Outcome(Kind.FAILED, Optional.of(e));
        }
    }

    /** What became of an image's need: the transfer must be queued, the image will hear, or the outcome is known. */
    sealed interface Attached {
        /** The transfer was idle: the caller queues it. */
        record Queue() implements Attached {}

        /** The need is (or will be) served by the transfer under way; the image hears when it ends. */
        record Waiting() implements Attached {}

        /** The blob's fate in that target is known already. */
        record Ended(Outcome outcome) implements Attached {}
    }

    /** Told of every need that ends: its outcome and the images that waited for it. */
    @FunctionalInterface
    interface Listener {
        void ended(BlobTransfer transfer, Outcome outcome, List<Integer> images);
    }

    /** One target's need of the blob: where to read it from, who waits, and once sent, how it went. */
    private static final class Need {
        final ImageTarget target;
        final ImageSource source;
        final List<Integer> images = new ArrayList<>();
        boolean started;
        Outcome outcome;

        Need(ImageTarget target, ImageSource source) {
            this.target = target;
            this.source = source;
        }
    }

    private final Descriptor blob;
    private final IntFunction<Progress> progressOf;
    private final Map<String, Need> needs = new LinkedHashMap<>(); // by target blob scope; guarded by this
    private final List<ImageTarget> having = new ArrayList<>(); // touched only by the worker running the transfer
    private boolean running; // queued or running; guarded by this

    /** @param progressOf an image's progress, which a round of sends reports under (its first waiting image's) */
    BlobTransfer(Descriptor blob, IntFunction<Progress> progressOf) {
        this.blob = blob;
        this.progressOf = progressOf;
    }

    Descriptor blob() {
        return blob;
    }

    /** Image {@code image} needs the blob in {@code target}, readable from {@code source}. */
    synchronized Attached need(ImageTarget target, ImageSource source, int image) {
        Need n = needs.computeIfAbsent(target.blobScope(), k -> new Need(target, source));
        if (n.outcome != null) {
            return new Attached.Ended(n.outcome);
        }
        n.images.add(image);
        if (running) {
            return new Attached.Waiting();
        }
        running = true;
        return new Attached.Queue();
    }

    /** Serves every need not yet served, also those that arrive meanwhile, telling {@code ended} of each. */
    void run(CopyOptions options, Listener ended) {
        while (true) {
            List<Need> round;
            synchronized (this) {
                round = needs.values().stream().filter(n -> !n.started).toList();
                if (round.isEmpty()) {
                    running = false;
                    return;
                }
                round.forEach(n -> n.started = true);
            }
            List<Need> missing = new ArrayList<>();
            for (Need n : round) {
                try {
                    if (n.target.hasBlob(blob)) {
                        having.add(n.target);
                        end(n, Outcome.of(Kind.PRESENT), ended);
                    } else {
                        missing.add(n);
                    }
                } catch (FerryException e) {
                    end(n, Outcome.failed(e), ended);
                }
            }
            if (!missing.isEmpty()) {
                List<Outcome> outcomes = new ArrayList<>();
                try (Progress p = progressOf.apply(missing.get(0).images.get(0)).child(
                        "blob " + blob.digest().shortHex() + " (" + Sizes.human(blob.size()) + ")")) {
                    for (Need n : missing) {
                        outcomes.add(deliver(n, options, p));
                    }
                }
                // told after the blob's progress line ends: the last blob of an image publishes the image
                for (int k = 0; k < missing.size(); k++) {
                    end(missing.get(k), outcomes.get(k), ended);
                }
            }
        }
    }

    private void end(Need n, Outcome outcome, Listener ended) {
        List<Integer> waited;
        synchronized (this) {
            n.outcome = outcome;
            waited = List.copyOf(n.images);
        }
        ended.ended(this, outcome, waited);
    }

    /** Whether a target that has the blob in the same registry lent it (a mount that fails is no failure: the bytes go). */
    private boolean mounted(ImageTarget target) {
        for (ImageTarget h : having) {
            if (h.mountScope().isPresent() && h.mountScope().equals(target.mountScope())) {
                try {
                    return target.mountBlob(blob, h);
                } catch (FerryException e) {
                    return false;
                }
            }
        }
        return false;
    }

    private Outcome deliver(Need n, CopyOptions options, Progress p) {
        try {
            if (mounted(n.target)) {
                having.add(n.target);
                return Outcome.of(Kind.MOUNTED);
            }
            options.blobRetry().run(() -> {
                n.target.pushBlob(blob, () -> new CheckedBlobStream(new ResumingBlobStream(n.source, blob, options.resumes()), blob), p::moved);
                return null;
            }, RegistryClient::worthRetrying, (attempt, delay, failure) -> p.info("retrying blob " + blob.digest().shortHex()
                    + " in " + delay.toSeconds() + " s: " + failure.getMessage()));
            having.add(n.target);
            return Outcome.of(Kind.COPIED);
        } catch (FerryException e) {
            return Outcome.failed(e);
        }
    }
}
