package dev.ferry.mirror.lock;

import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.catalog.Selection;
import dev.ferry.mirror.layout.Layout;
import java.util.List;

/**
 * The reviewed, diffable list of everything a mirror holds: written by {@code ferry mirror plan},
 * the single input to sync, pack, verify and bootstrap rendering.
 *
 * @param layout     the layout the plan was made for (sync may override it)
 * @param selections what was asked for, and what Ferry chose
 * @param assets     every file, in a stable order
 * @param images     every container image, sorted by reference
 */
public record Lock(String generatedBy, Layout layout, List<Selection> selections, List<Asset> assets, List<LockedImage> images) {
    /** The lock format this Ferry writes; a lock with a higher number is refused. */
    public static final int FORMAT = 1;

    public Lock {
        selections = List.copyOf(selections);
        assets = List.copyOf(assets);
        images = List.copyOf(images);
    }

    /** A lock of files only. */
    public Lock(String generatedBy, Layout layout, List<Selection> selections, List<Asset> assets) {
        this(generatedBy, layout, selections, assets, List.of());
    }

    public Lock withAssets(List<Asset> a) {
        return new Lock(generatedBy, layout, selections, a, images);
    }

    public Lock withImages(List<LockedImage> i) {
        return new Lock(generatedBy, layout, selections, assets, i);
    }

    public Lock withLayout(Layout l) {
        return new Lock(generatedBy, l, selections, assets, images);
    }
}
