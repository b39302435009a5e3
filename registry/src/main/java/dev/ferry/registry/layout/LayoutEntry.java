package dev.ferry.registry.layout;

import dev.ferry.registry.oci.Descriptor;
import java.util.Map;
import java.util.Optional;

/**
 * One image in a layout's {@code index.json}: the descriptor of its top manifest or index and its annotations,
 * among them {@link OciLayout#REF_NAME} (the canonical name as kOps writes it) and {@link OciLayout#IMAGE_NAME}
 * (the fully qualified name containerd's {@code ctr images import} uses).
 */
public record LayoutEntry(Descriptor descriptor, Map<String, String> annotations) {

    public LayoutEntry {
        annotations = Map.copyOf(annotations);
    }

    /** The reference name, if the entry has one. */
    public Optional<String> refName() {
        return Optional.ofNullable(annotations.get(OciLayout.REF_NAME));
    }
}
