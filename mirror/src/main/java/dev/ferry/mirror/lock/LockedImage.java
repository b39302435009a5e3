package dev.ferry.mirror.lock;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.catalog.PlannedImage;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image of the lock: the name kOps writes in the cluster's manifests and, once pinned, the digest of
 * its manifest or index exactly as upstream serves it, with that manifest's media type and the platforms it holds.
 * Every platform is copied; the digest is what the target must serve under the image's name.
 *
 * @param reference the canonical reference ({@code registry.k8s.io/pause:3.10.1})
 * @param kind      the repository's last name, or {@code extra} for one the user named
 * @param from      where the plan took it: {@code catalog}, {@code kops-assets}, {@code manifest} or {@code --image}
 * @param download  the name {@code kops get assets} says the cluster pulls it by, when that file named one
 * @param digest    the pinned digest ({@code sha256:…}); empty until {@code plan --resolve}, {@code lock pin} or the first sync
 * @param mediaType the pinned manifest's media type, when it was read
 * @param platforms {@code os/architecture[/variant]} of each index entry, or the one of a single manifest, when read
 */
public record LockedImage(String reference, String kind, String from, Optional<String> download, Optional<String> digest,
                          Optional<String> mediaType, List<String> platforms) {
    private static final Pattern DIGEST = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-f]{32,}");
    private static final Pattern SHA256 = Pattern.compile("sha256:[0-9a-f]{64}");

    public LockedImage {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(from, "from");
        PlannedImage.checkReference(reference, "an image");
        download.ifPresent(d -> PlannedImage.checkReference(d, "the download name of " + reference));
        digest.ifPresent(d -> checkDigest(d, reference));
        platforms = List.copyOf(platforms);
        int at = reference.indexOf('@');
        if (at >= 0 && digest.isPresent() && !reference.substring(at + 1).equals(digest.get())) {
            throw FerryException.badInput(reference + " names one digest and is pinned to another (" + digest.get() + ")", "keep one digest");
        }
        if (at >= 0 && digest.isEmpty()) {
            digest = Optional.of(reference.substring(at + 1)); // a reference by digest is pinned by itself
        }
    }

    /** An unpinned image. */
    public static LockedImage of(String reference, String kind, String from) {
        return new LockedImage(reference, kind, from, Optional.empty(), Optional.empty(), Optional.empty(), List.of());
    }

    /** Refuses what is not a digest, and a sha256 of another length. */
    public static void checkDigest(String digest, String of) {
        if (!DIGEST.matcher(digest).matches() || (digest.startsWith("sha256:") && !SHA256.matcher(digest).matches())) {
            throw FerryException.badInput("the digest '" + digest + "' of " + of + " is not a digest",
                    "write it as sha256: and 64 lower-case hex characters, as `skopeo inspect --raw … | sha256sum` gives");
        }
    }

    public boolean isPinned() {
        return digest.isPresent();
    }

    /** Whether everything a pin records is known: the digest, the media type. */
    public boolean isResolved() {
        return digest.isPresent() && mediaType.isPresent();
    }

    /** This image pinned to what its source served. */
    public LockedImage pinned(String digest, String mediaType, List<String> platforms) {
        return new LockedImage(reference, kind, from, download, Optional.of(digest), Optional.of(mediaType), platforms);
    }

    public LockedImage withDownload(Optional<String> d) {
        return new LockedImage(reference, kind, from, d, digest, mediaType, platforms);
    }

    public LockedImage withDigest(Optional<String> d) {
        return new LockedImage(reference, kind, from, download, d, mediaType, platforms);
    }
}
