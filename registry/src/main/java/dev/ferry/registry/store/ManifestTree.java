package dev.ferry.registry.store;

import dev.ferry.error.FerryException;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Manifest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * An image's manifests as read from one source: the top manifest or index, every manifest below it (nested indexes
 * included) once each, children before the index that lists them (the order a registry accepts them in), and every
 * distributable blob they name, once each, the top's last.
 */
public record ManifestTree(Manifest top, List<Manifest> children, List<Descriptor> blobs) {
    /** Indexes of indexes are legal; deeper than this is a loop or an abuse. */
    public static final int MAX_DEPTH = 4;

    public ManifestTree {
        children = List.copyOf(children);
        blobs = List.copyOf(blobs);
    }

    /**
     * Reads everything below {@code top} from {@code source}.
     *
     * @param name    the image, for messages
     * @param missing the failure when an index lists a manifest the source lacks (the index, the child it lists)
     */
    public static ManifestTree read(ImageSource source, Manifest top, String name, BiFunction<Manifest, Descriptor, FerryException> missing) {
        List<Manifest> children = new ArrayList<>();
        walk(source, top, name, missing, children, 1);
        Map<String, Descriptor> blobs = new LinkedHashMap<>();
        for (Manifest m : children) {
            m.blobs().stream().filter(b -> !b.nonDistributable()).forEach(b -> blobs.putIfAbsent(b.digest().toString(), b));
        }
        top.blobs().stream().filter(b -> !b.nonDistributable()).forEach(b -> blobs.putIfAbsent(b.digest().toString(), b));
        return new ManifestTree(top, children, List.copyOf(blobs.values()));
    }

    private static void walk(ImageSource source, Manifest index, String name, BiFunction<Manifest, Descriptor, FerryException> missing,
                             List<Manifest> out, int depth) {
        if (index.children().isEmpty()) {
            return;
        }
        if (depth > MAX_DEPTH) {
            throw new FerryException(name + " nests indexes deeper than " + MAX_DEPTH, "check the image");
        }
        for (Descriptor c : index.children()) {
            Manifest child = source.manifest(c.digest().toString(), c.mediaType()).orElseThrow(() -> missing.apply(index, c));
            walk(source, child, name, missing, out, depth + 1);
            if (out.stream().noneMatch(m -> m.digest().equals(child.digest()))) {
                out.add(child);
            }
        }
    }
}
