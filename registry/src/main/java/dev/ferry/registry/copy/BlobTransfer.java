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
import java.util.Set;
import java.util.TreeSet;

/**
 * One blob into every target that needs it: a target that has it is left alone (HEAD); one that shares
 * a registry with a target that has it mounts it; the others get its bytes from a source, checked while they
 * stream and retried whole when the target or the network fails.
 */
final class BlobTransfer {
    /** One target's need of the blob: the source to read it from and the images that wait for it. */
    record Need(ImageTarget target, ImageSource source, List<Integer> images) {}

    /** What happened to one need: the blob is there (how), or why not. */
    record Outcome(Need need, Kind kind, Optional<FerryException> failure) {}

    enum Kind { PRESENT, MOUNTED, COPIED, FAILED }

    private final Descriptor blob;
    private final Map<String, Need> needs = new LinkedHashMap<>();
    private final Progress progress;

    BlobTransfer(Descriptor blob, Progress progress) {
        this.blob = blob;
        this.progress = progress;
    }

    Descriptor blob() {
        return blob;
    }

    /** Image {@code image} needs the blob in {@code target}, readable from {@code source}. */
    void need(ImageTarget target, ImageSource source, int image) {
        needs.computeIfAbsent(target.blobScope(), k -> new Need(target, source, new ArrayList<>())).images().add(image);
    }

    /** The images waiting for this blob, in any target. */
    Set<Integer> images() {
        Set<Integer> out = new TreeSet<>();
        needs.values().forEach(n -> out.addAll(n.images()));
        return out;
    }

    List<Outcome> run(CopyOptions options) {
        List<Outcome> out = new ArrayList<>();
        List<ImageTarget> having = new ArrayList<>();
        List<Need> missing = new ArrayList<>();
        for (Need n : needs.values()) {
            try {
                if (n.target().hasBlob(blob)) {
                    having.add(n.target());
                    out.add(new Outcome(n, Kind.PRESENT, Optional.empty()));
                } else {
                    missing.add(n);
                }
            } catch (FerryException e) {
                out.add(new Outcome(n, Kind.FAILED, Optional.of(e)));
            }
        }
        try (Progress p = progress.child("blob " + blob.digest().shortHex() + " (" + Sizes.human(blob.size()) + ")")) {
            for (Need n : missing) {
                out.add(deliver(n, having, options, p));
            }
        }
        return out;
    }

    /** Whether a target that has the blob in the same registry lent it (a mount that fails is no failure: the bytes go). */
    private boolean mounted(ImageTarget target, List<ImageTarget> having) {
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

    private Outcome deliver(Need n, List<ImageTarget> having, CopyOptions options, Progress p) {
        try {
            if (mounted(n.target(), having)) {
                having.add(n.target());
                return new Outcome(n, Kind.MOUNTED, Optional.empty());
            }
            options.blobRetry().run(() -> {
                n.target().pushBlob(blob, () -> new CheckedBlobStream(new ResumingBlobStream(n.source(), blob, options.resumes()), blob), p::moved);
                return null;
            }, RegistryClient::worthRetrying, (attempt, delay, failure) -> p.info("retrying blob " + blob.digest().shortHex()
                    + " in " + delay.toSeconds() + " s: " + failure.getMessage()));
            having.add(n.target());
            return new Outcome(n, Kind.COPIED, Optional.empty());
        } catch (FerryException e) {
            return new Outcome(n, Kind.FAILED, Optional.of(e));
        }
    }
}
