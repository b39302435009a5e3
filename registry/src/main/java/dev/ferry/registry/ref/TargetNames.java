package dev.ferry.registry.ref;

import dev.ferry.error.FerryException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Names every image in the target before anything is copied, so that two sources meant for one name (kOps's
 * {@code containerProxy} drops the registry host: {@code docker.io/calico/node} and {@code quay.io/calico/node}
 * meet) are refused up front instead of one silently overwriting the other.
 */
public final class TargetNames {
    private TargetNames() {}

    /** The copies to make, one per distinct image, in the given order; refuses collisions and unusable names. */
    public static List<ImageMapping> map(List<ImageRequest> images, RegistryTarget target, ImageNaming naming) {
        Map<String, ImageRequest> byCanonical = new LinkedHashMap<>();
        for (ImageRequest image : images) {
            ImageRequest seen = byCanonical.putIfAbsent(image.canonical(), image);
            if (seen != null && !seen.pinned().equals(image.pinned())) {
                throw FerryException.badInput(image.canonical() + " is listed twice with different digests ("
                        + seen.pinned().map(Object::toString).orElse("unpinned") + ", " + image.pinned().map(Object::toString).orElse("unpinned") + ")",
                        "keep one entry");
            }
        }
        List<ImageMapping> out = new ArrayList<>();
        Map<String, ImageMapping> byTarget = new LinkedHashMap<>();
        List<String> collisions = new ArrayList<>();
        for (ImageRequest image : byCanonical.values()) {
            ImageMapping m = new ImageMapping(image.canonical(), image.source(), image.pinned(), targetName(image, target, naming));
            String key = m.target().contains("@") && target instanceof RegistryTarget.Remote ? m.targetReference().withoutDigest().toString() : m.target();
            ImageMapping other = byTarget.putIfAbsent(key, m);
            if (other != null && !other.source().withoutDigest().equals(m.source().withoutDigest())) {
                collisions.add(other.canonical() + " and " + m.canonical() + " would both be " + m.target());
                continue;
            }
            if (other == null) {
                out.add(m);
            }
        }
        if (!collisions.isEmpty()) {
            throw FerryException.badInput("two images would get one name in " + target.describe() + ": " + String.join("; ", collisions),
                    "nothing was copied. Name the images by the other rule (" + other(naming) + "), or drop one of them");
        }
        return List.copyOf(out);
    }

    private static String other(ImageNaming naming) {
        return naming == ImageNaming.PROXY ? "registry: kOps containerRegistry, which keeps the source registry in the name"
                : "proxy: kOps containerProxy, which keeps the path";
    }

    private static String targetName(ImageRequest image, RegistryTarget target, ImageNaming naming) {
        if (!(target instanceof RegistryTarget.Remote remote)) {
            return image.canonical();
        }
        String renamed = naming.rename(image.canonical(), remote.setting());
        ImageReference ref;
        try {
            ref = ImageReference.parse(renamed);
        } catch (FerryException e) {
            throw unusable(image, naming, remote, renamed, e.getMessage());
        }
        if (!renamed.startsWith(remote.setting() + "/") || !ref.registry().equals(remote.host())) {
            throw unusable(image, naming, remote, renamed, "it is not under " + remote.setting());
        }
        if (!ref.tag().equals(image.source().tag()) || !ref.digest().equals(image.source().digest())) {
            throw unusable(image, naming, remote, renamed, "its tag is lost");
        }
        return renamed;
    }

    private static FerryException unusable(ImageRequest image, ImageNaming naming, RegistryTarget.Remote remote, String renamed, String why) {
        return FerryException.badInput("kOps's " + naming.kopsField() + " rule turns " + image.canonical() + " into '" + renamed
                + "' under " + remote.setting() + ", which is not a usable image name (" + why + ")",
                "write the image with its registry (e.g. docker.io/library/" + image.canonical() + ")");
    }
}
