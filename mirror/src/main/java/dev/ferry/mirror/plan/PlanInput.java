package dev.ferry.mirror.plan;

import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.mirror.catalog.CatalogRequest;
import dev.ferry.mirror.catalog.PlannedImage;
import dev.ferry.mirror.layout.Layout;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Everything {@code ferry mirror plan} was told, from flags and manifests together.
 *
 * @param kopsAssets output of {@code kops get assets}, authoritative for the files it lists
 * @param layout     the layout to check keys for; empty means the one the kOps lines read
 * @param images     images the user named beyond the catalog's ({@code --image})
 * @param manifestImages images a manifest named ({@code images:}), with the digests it pins
 */
public record PlanInput(List<CatalogRequest> clusters, Optional<Path> kopsAssets, List<ExtraFile> files,
        List<SourceMirror> sourceMirrors, Optional<Layout> layout, String generatedBy, List<PlannedImage> images,
        List<Manifest.ExtraImage> manifestImages) {
    public PlanInput {
        clusters = List.copyOf(clusters);
        files = List.copyOf(files);
        sourceMirrors = List.copyOf(sourceMirrors);
        images = List.copyOf(images);
        manifestImages = List.copyOf(manifestImages);
    }

    /** Input without images from a manifest. */
    public PlanInput(List<CatalogRequest> clusters, Optional<Path> kopsAssets, List<ExtraFile> files,
            List<SourceMirror> sourceMirrors, Optional<Layout> layout, String generatedBy, List<PlannedImage> images) {
        this(clusters, kopsAssets, files, sourceMirrors, layout, generatedBy, images, List.of());
    }

    /** Input without extra images. */
    public PlanInput(List<CatalogRequest> clusters, Optional<Path> kopsAssets, List<ExtraFile> files,
            List<SourceMirror> sourceMirrors, Optional<Layout> layout, String generatedBy) {
        this(clusters, kopsAssets, files, sourceMirrors, layout, generatedBy, List.of(), List.of());
    }
}
