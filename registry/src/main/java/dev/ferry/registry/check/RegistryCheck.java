package dev.ferry.registry.check;

import dev.ferry.concurrent.ParallelMap;
import dev.ferry.error.FerryException;
import dev.ferry.progress.Progress;
import dev.ferry.registry.RegistryAccess;
import dev.ferry.registry.check.Finding.Kind;
import dev.ferry.registry.client.AuthorizationRefused;
import dev.ferry.registry.client.Role;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Manifest;
import dev.ferry.registry.ref.ImageMapping;
import dev.ferry.registry.ref.RegistryTarget;
import dev.ferry.registry.store.ImageSource;
import dev.ferry.registry.store.ImageTarget;
import dev.ferry.registry.store.ManifestTree;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Proves a target holds every image as a cluster will pull it, reading only (pull rights): the name kOps will ask
 * for points at the pinned digest, every manifest an index lists is there (every platform), and every blob
 * each manifest names answers a HEAD. Works the same through credentials or without any ({@code --anonymous}, as
 * containerd pulls {@code pause}); a refusal then says the image is not pullable anonymously.
 */
public final class RegistryCheck {
    private final RegistryAccess access;
    private final int jobs;

    public RegistryCheck(RegistryAccess access, int jobs) {
        this.access = access;
        this.jobs = jobs;
    }

    /** Checks every image of {@code images} (named for {@code target}), {@code jobs} at a time. */
    public CheckReport check(List<ImageMapping> images, RegistryTarget target, Progress progress) {
        progress.plan(images.size(), "images", 0);
        AtomicLong blobs = new AtomicLong();
        List<List<Finding>> found = new ParallelMap(jobs, "image-check").map(images, m -> {
            try (Progress p = progress.child(m.target())) {
                return check(m, target, blobs);
            }
        });
        List<Finding> all = new ArrayList<>();
        found.forEach(all::addAll);
        int unpinned = (int) images.stream().filter(m -> m.pinned().isEmpty()).count();
        return new CheckReport(target.describe(), images.size(), unpinned, blobs.get(), all);
    }

    private List<Finding> check(ImageMapping m, RegistryTarget target, AtomicLong blobs) {
        String name = target instanceof RegistryTarget.Layout ? m.target() : m.targetReference().withoutDigest().toString();
        List<Finding> out = new ArrayList<>();
        try {
            Stored stored = stored(m, target);
            String reference = target instanceof RegistryTarget.Layout ? m.target()
                    : m.targetReference().tag().orElseGet(() -> m.pinned().orElseThrow().toString());
            // One GET: the manifest under the name kOps asks for, its digest computed from the bytes served.
            Optional<Manifest> top = stored.source().manifest(reference, "");
            if (top.isEmpty()) {
                out.add(new Finding(m.canonical(), name, Kind.MISSING_IMAGE, "no image under this name in " + target.describe(), ""));
                return out;
            }
            if (m.pinned().isPresent() && !m.pinned().get().equals(top.get().digest())) {
                out.add(new Finding(m.canonical(), name, Kind.WRONG_DIGEST, "the name points at " + top.get().digest() + ", the lock pins "
                        + m.pinned().get(), ""));
                return out;
            }
            walk(m, name, stored, top.get(), "", 1, new LinkedHashMap<>(), out, blobs);
        } catch (FerryException e) {
            out.add(new Finding(m.canonical(), name, AuthorizationRefused.in(e) ? Kind.NOT_PULLABLE : Kind.UNREADABLE, e.getMessage(),
                    e.hint().orElse("")));
        }
        return out;
    }

    /** Every child manifest of an index (nested ones too), then every blob of each manifest, each blob looked up once. */
    private static void walk(ImageMapping m, String name, Stored stored, Manifest manifest, String platform, int depth,
                             Map<Digest, Boolean> seen, List<Finding> out, AtomicLong blobs) {
        if (depth > ManifestTree.MAX_DEPTH) {
            throw new FerryException(name + " nests indexes deeper than " + ManifestTree.MAX_DEPTH, "check the image");
        }
        for (Descriptor c : manifest.children()) {
            String where = c.platform().map(Object::toString).orElse(platform);
            Optional<Manifest> child = stored.source().manifest(c.digest().toString(), c.mediaType());
            if (child.isEmpty()) {
                out.add(new Finding(m.canonical(), name, Kind.MISSING_PLATFORM, "the index lists " + (where.isEmpty() ? "" : where + " as ")
                        + c.digest() + ", which is not there", ""));
            } else {
                walk(m, name, stored, child.get(), where, depth + 1, seen, out, blobs);
            }
        }
        for (Descriptor b : manifest.blobs()) {
            if (b.nonDistributable() || seen.putIfAbsent(b.digest(), Boolean.TRUE) != null) {
                continue;
            }
            blobs.incrementAndGet();
            if (!stored.target().hasBlob(b)) {
                out.add(new Finding(m.canonical(), name, Kind.MISSING_BLOB, "blob " + b.digest() + " (" + dev.ferry.format.Sizes.human(b.size())
                        + (platform.isEmpty() ? "" : ", " + platform) + ") is not there", ""));
            }
        }
    }

    /** The image's place in the target, read with pull rights only; a layout must exist already. */
    private Stored stored(ImageMapping m, RegistryTarget target) {
        if (target instanceof RegistryTarget.Layout l) {
            OciLayout layout = OciLayout.open(l.dir());
            return new Stored(layout, layout);
        }
        RegistryTarget.Remote r = (RegistryTarget.Remote) target;
        var repository = access.client(r.host(), r.plainHttp()).repository(m.targetReference().repository(), Role.SOURCE);
        return new Stored(repository, repository);
    }

    /** One store seen both ways: manifests are read from it, digests and blobs looked up in it. */
    private record Stored(ImageSource source, ImageTarget target) {}
}
