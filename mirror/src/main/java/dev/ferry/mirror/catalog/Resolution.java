package dev.ferry.mirror.catalog;

import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.layout.Layout;
import java.util.List;

/**
 * What the catalog answered: the assets, the resolved selection, the layout those clusters read, and notes for
 * the user; the images the cluster pulls, with notes of their own (the DNS mode they assume, what is not listed).
 */
public record Resolution(Selection selection, Layout layout, List<Asset> assets, List<String> notes, List<PlannedImage> images,
        List<String> imageNotes) {
    public Resolution {
        assets = List.copyOf(assets);
        notes = List.copyOf(notes);
        images = List.copyOf(images);
        imageNotes = List.copyOf(imageNotes);
    }
}
