package dev.ferry.mirror.plan;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.catalog.Origin;
import dev.ferry.mirror.catalog.PlannedImage;
import dev.ferry.mirror.lock.LockedImage;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The images of a plan, gathered from the catalog, a {@code kops get assets} file, manifests and {@code --image},
 * in that order: one entry per reference, sorted. An image named twice keeps where it was first named (so one the
 * catalog lists keeps the catalog's origin) and gains what later sources add: a digest, kOps's download name. Two
 * different digests for one image are refused.
 */
final class ImageList {
    /** What the lock says of an image the catalog lists. */
    static final String CATALOG = "catalog";
    static final String MANIFEST = "manifest";
    static final String GIVEN = "--image";

    private final Map<String, PlannedImage> shown = new TreeMap<>();
    private final Map<String, LockedImage> locked = new TreeMap<>();
    private final Map<String, String> digestFrom = new TreeMap<>();

    void catalog(PlannedImage image) {
        add(image, LockedImage.of(image.reference(), image.kind(), CATALOG), CATALOG);
    }

    void given(PlannedImage image) {
        add(image, LockedImage.of(image.reference(), image.kind(), GIVEN), GIVEN);
    }

    void kopsAssets(LockedImage image, String file) {
        add(new PlannedImage(image.reference(), image.kind(), new Origin.Given("--from-kops-assets " + file)), image, file);
    }

    void manifest(Manifest.ExtraImage image) {
        add(PlannedImage.given(image.reference(), image.where()), LockedImage.of(image.reference(), "extra", MANIFEST).withDigest(image.digest()),
                image.where());
    }

    private void add(PlannedImage image, LockedImage entry, String where) {
        shown.putIfAbsent(image.reference(), image);
        LockedImage prior = locked.get(image.reference());
        if (prior == null) {
            locked.put(image.reference(), entry);
            entry.digest().ifPresent(d -> digestFrom.put(image.reference(), where));
            return;
        }
        if (prior.digest().isPresent() && entry.digest().isPresent() && !prior.digest().equals(entry.digest())) {
            throw FerryException.badInput(image.reference() + " is pinned to two digests: " + prior.digest().get() + " ("
                    + digestFrom.get(image.reference()) + ") and " + entry.digest().get() + " (" + where + ")", "remove or correct one of them");
        }
        LockedImage merged = prior;
        if (prior.digest().isEmpty() && entry.digest().isPresent()) {
            merged = merged.withDigest(entry.digest());
            digestFrom.put(image.reference(), where);
        }
        if (prior.download().isEmpty() && entry.download().isPresent()) {
            merged = merged.withDownload(entry.download());
        }
        locked.put(image.reference(), merged);
    }

    /** For the plan's IMAGES table: each image with where it was first named. */
    List<PlannedImage> shown() {
        return List.copyOf(shown.values());
    }

    /** For the lock. */
    List<LockedImage> locked() {
        return List.copyOf(locked.values());
    }

    boolean isEmpty() {
        return locked.isEmpty();
    }
}
