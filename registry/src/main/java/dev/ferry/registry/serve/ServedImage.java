package dev.ferry.registry.serve;

import dev.ferry.error.FerryException;
import dev.ferry.registry.layout.LayoutEntry;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.ImageReference;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * One image of a layout as the registry API answers it: the layout entry, its reference, and every repository
 * name a client may ask for it by.
 *
 * <p>For {@code registry.k8s.io/kops/kops-controller:1.34.0} those are {@code kops/kops-controller} (its path in
 * its own registry: what a containerd mirror of registry.k8s.io asks for, and what kOps's
 * {@code containerProxy} rule makes of it), {@code kops-kops-controller} (kOps's {@code containerRegistry} rule)
 * and {@code registry.k8s.io/kops/kops-controller} (the full name, never ambiguous). A Docker Hub short name
 * ({@code debian}) also answers as itself, as {@code containerProxy} keeps it.
 */
record ServedImage(OciLayout layout, LayoutEntry entry, ImageReference reference, Set<String> names) {
    /** A host with a dot, so kOps's rules read it as a registry; stripped again from what they return. */
    private static final String SETTING = "ferry.invalid";

    ServedImage {
        names = Set.copyOf(names);
    }

    /**
     * The entry as an image: named by its reference name (the canonical name as kOps writes it), else its
     * containerd name; empty when neither is an image name (a layout whose entries carry only a tag, as
     * {@code skopeo copy … oci:DIR:TAG} writes them).
     */
    static Optional<ServedImage> of(OciLayout layout, LayoutEntry entry) {
        for (String key : new String[] {OciLayout.REF_NAME, OciLayout.IMAGE_NAME}) {
            String written = entry.annotations().get(key);
            Optional<ImageReference> ref = parse(written);
            if (ref.isPresent()) {
                return Optional.of(new ServedImage(layout, entry, ref.get(), names(written, ref.get())));
            }
        }
        return Optional.empty();
    }

    /** The upstream registry, as containerd's {@code ns} parameter names it. */
    String registry() {
        return reference.registry();
    }

    /** The tag; empty for an entry named by digest only, which is served by digest. */
    Optional<String> tag() {
        return reference.tag();
    }

    private static Set<String> names(String written, ImageReference ref) {
        String bare = written.replaceFirst("@.*$", "");
        int colon = bare.lastIndexOf(':');
        if (colon > bare.lastIndexOf('/')) {
            bare = bare.substring(0, colon);
        }
        Set<String> names = new LinkedHashSet<>();
        names.add(ref.repository());
        names.add(ImageNaming.PROXY.rename(bare, SETTING).substring(SETTING.length() + 1));
        names.add(ImageNaming.REGISTRY.rename(bare, SETTING).substring(SETTING.length() + 1));
        names.add(ref.name());
        return names;
    }

    private static Optional<ImageReference> parse(String written) {
        if (written == null || written.isBlank() || !(written.contains("/") || written.contains(":"))) {
            return Optional.empty();
        }
        try {
            return Optional.of(ImageReference.parse(written));
        } catch (FerryException notAnImageName) {
            return Optional.empty();
        }
    }

    @Override
    public String toString() {
        return reference.toString();
    }
}
