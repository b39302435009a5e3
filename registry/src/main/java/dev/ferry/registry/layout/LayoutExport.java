package dev.ferry.registry.layout;

import dev.ferry.error.FerryException;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.Manifest;
import dev.ferry.registry.oci.Platform;
import dev.ferry.registry.ref.ImageRequest;
import dev.ferry.registry.store.ManifestTree;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Some images of a layout as one self-contained layout to carry: an {@code index.json} listing exactly them
 * (annotated with their canonical names), and every blob they need, manifests included, once each however
 * many images share it. Nothing is copied: the blobs are named by their files in the source layout.
 *
 * @param indexJson the new layout's {@code index.json}
 * @param images    each image, in the order asked
 * @param blobs     every blob, by digest, in the order first needed
 */
public record LayoutExport(byte[] indexJson, List<Image> images, List<Blob> blobs) {
    /** An image: its canonical name, the digest of its top manifest or index, its media type and platforms. */
    public record Image(String reference, Digest digest, String mediaType, List<String> platforms) {}

    /** A blob and the file that holds it. */
    public record Blob(Digest digest, long size, Path file) {}

    public LayoutExport {
        images = List.copyOf(images);
        blobs = List.copyOf(blobs);
    }

    /** The images of {@code layout} named by {@code wanted}'s canonical names, each the pinned digest when there is one. */
    public static LayoutExport of(OciLayout layout, List<ImageRequest> wanted) {
        List<LayoutEntry> entries = new ArrayList<>();
        List<Image> images = new ArrayList<>();
        Map<Digest, Blob> blobs = new LinkedHashMap<>();
        for (ImageRequest r : wanted) {
            LayoutEntry e = layout.entry(r.canonical()).orElseThrow(() -> new FerryException(layout.describe() + " has no image "
                    + r.canonical(), "copy the images into it again"));
            if (r.pinned().isPresent() && !r.pinned().get().equals(e.descriptor().digest())) {
                throw new FerryException(layout.describe() + " lists " + r.canonical() + " as " + e.descriptor().digest() + ", the lock pins "
                        + r.pinned().get(), "copy the images into it again");
            }
            Manifest top = layout.manifest(e.descriptor().digest().toString(), e.descriptor().mediaType()).orElseThrow();
            add(layout, r.canonical(), top, blobs);
            entries.add(e);
            images.add(new Image(r.canonical(), top.digest(), top.mediaType(), top.platforms().stream().map(Platform::toString).toList()));
        }
        return new LayoutExport(OciLayout.indexJsonOf(entries).getBytes(StandardCharsets.UTF_8), images, List.copyOf(blobs.values()));
    }

    /** The image's manifests (the top one first, then those it lists) and the blobs they refer to: each a blob of the layout. */
    private static void add(OciLayout layout, String name, Manifest top, Map<Digest, Blob> blobs) {
        ManifestTree tree = ManifestTree.read(layout, top, name + " in " + layout.describe(), (index, c) -> new FerryException(
                layout.describe() + " lacks the manifest " + c.digest() + " listed in " + index.digest(), "copy the images into it again"));
        blob(layout, top.descriptor(), blobs);
        tree.children().forEach(m -> blob(layout, m.descriptor(), blobs));
        tree.blobs().forEach(b -> blob(layout, b, blobs));
    }

    private static void blob(OciLayout layout, Descriptor d, Map<Digest, Blob> blobs) {
        if (blobs.containsKey(d.digest())) {
            return;
        }
        Path file = layout.blobPath(d.digest());
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new FerryException(layout.describe() + " has no blob " + d.digest(), "copy the images into it again");
        }
        if (size != d.size()) {
            throw new FerryException(file + " has " + size + " bytes, its descriptor says " + d.size(), "delete it and copy the images again");
        }
        blobs.put(d.digest(), new Blob(d.digest(), size, file));
    }
}
