package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import java.util.regex.Pattern;

/**
 * A container image a cluster pulls, by its canonical reference as kOps writes it in the cluster's
 * manifests ({@code registry.k8s.io/pause:3.10.1}); every platform of it is meant.
 *
 * @param kind   what it is, in kOps's words: the repository's last name ({@code kube-apiserver}, {@code etcd})
 *               or the catalog's, {@code extra} for one the user named
 * @param origin where the catalog read it, or who named it
 */
public record PlannedImage(String reference, String kind, Origin origin) {
    private static final String HOST = "(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::\\d{1,5})?";
    private static final String COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
    /** The distribution reference grammar, with a tag or a digest required: an unpinned "latest" cannot be mirrored faithfully. */
    private static final Pattern FORM = Pattern.compile("(?:" + HOST + "/)?" + COMPONENT + "(?:/" + COMPONENT + ")*"
            + "(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@[a-z0-9]+(?:[+._-][a-z0-9]+)*:[0-9a-fA-F]{32,})?");

    public PlannedImage {
        checkReference(reference, "an image");
    }

    /** An image the user named ({@code --image}): {@code where} says how. */
    public static PlannedImage given(String reference, String where) {
        String r = reference == null ? "" : reference.trim();
        checkReference(r, where);
        return new PlannedImage(r, "extra", new Origin.Given(where));
    }

    /** The repository's last name: {@code kube-apiserver} for {@code registry.k8s.io/kube-apiserver:v1.30.0}. */
    public static String kindOf(String reference) {
        String name = reference.replaceFirst("@.*$", "");
        int slash = name.lastIndexOf('/');
        int colon = name.lastIndexOf(':');
        return name.substring(slash + 1, colon > slash ? colon : name.length());
    }

    /** Refuses what is not an image reference with a tag or a digest; {@code where} says whose it is. */
    public static void checkReference(String reference, String where) {
        String last = reference.replaceFirst("@.*$", "").replaceFirst("^.*/", "");
        if (!FORM.matcher(reference).matches()) {
            throw FerryException.badInput(where + ": '" + reference + "' is not an image reference",
                    "write it as kOps does: registry.k8s.io/pause:3.10.1 (lower-case repository, then :tag or @sha256:…)");
        }
        if (!last.contains(":") && !reference.contains("@")) {
            throw FerryException.badInput(where + ": '" + reference + "' has no tag or digest",
                    "give the tag the cluster pulls (registry.k8s.io/pause:3.10.1): a mirror of \"latest\" goes stale unnoticed");
        }
    }
}
