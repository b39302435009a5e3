package dev.ferry.registry.ref;

import dev.ferry.error.FerryException;
import dev.ferry.registry.oci.Digest;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An image name as Docker and containerd read it: {@code registry.k8s.io/pause:3.10.1},
 * {@code registry.k8s.io/pause@sha256:…}, {@code localhost:5000/team/app:1}, and Docker Hub short forms
 * ({@code debian} is {@code docker.io/library/debian:latest}).
 *
 * @param registry   the registry host, with a port when one was given ({@code docker.io} for Docker Hub)
 * @param repository the repository path in that registry ({@code library/debian}, {@code kops/kops-controller})
 * @param tag        the tag; absent only when a digest is given
 * @param digest     the manifest digest, when pinned
 */
public record ImageReference(String registry, String repository, Optional<String> tag, Optional<Digest> digest) {
    public static final String DOCKER_HUB = "docker.io";

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern HOST = Pattern.compile("(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\\.)*[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?::\\d{1,5})?"
            + "|\\[[0-9A-Fa-f:.]+\\](?::\\d{1,5})?");
    private static final String EXAMPLE = "e.g. registry.k8s.io/pause:3.10.1 or registry.k8s.io/pause@sha256:…";

    public ImageReference {
        if (tag.isEmpty() && digest.isEmpty()) {
            throw new IllegalArgumentException("an image reference needs a tag or a digest");
        }
    }

    /**
     * Parses a name as {@code docker pull} does: the first path component is a registry when it has a
     * {@code .} or a {@code :} or is {@code localhost}; otherwise the image is on Docker Hub, where a
     * one-component name is under {@code library/}. No tag and no digest means {@code latest}.
     */
    public static ImageReference parse(String text) {
        String t = text == null ? "" : text.trim();
        if (t.isEmpty() || t.contains("://")) {
            throw FerryException.badInput("'" + text + "' is not an image reference", EXAMPLE);
        }
        Optional<Digest> digest = Optional.empty();
        int at = t.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(Digest.parse(t.substring(at + 1)));
            t = t.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = t.lastIndexOf(':');
        if (colon > t.lastIndexOf('/')) {
            tag = Optional.of(t.substring(colon + 1));
            t = t.substring(0, colon);
            if (!TAG.matcher(tag.get()).matches()) {
                throw FerryException.badInput("'" + text + "': '" + tag.get() + "' is not a valid tag", EXAMPLE);
            }
        }
        String registry = DOCKER_HUB;
        String path = t;
        int slash = t.indexOf('/');
        if (slash > 0) {
            String first = t.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost") || !first.equals(first.toLowerCase(Locale.ROOT))) {
                registry = first;
                path = t.substring(slash + 1);
            }
        }
        if (registry.equals("index.docker.io")) {
            registry = DOCKER_HUB;
        }
        if (registry.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        check(text, registry, path);
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = Optional.of("latest");
        }
        return new ImageReference(registry, path, tag, digest);
    }

    private static void check(String text, String registry, String path) {
        if (!HOST.matcher(registry).matches()) {
            throw FerryException.badInput("'" + text + "': '" + registry + "' is not a registry host", EXAMPLE);
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                String why = component.equals(component.toLowerCase(Locale.ROOT)) ? "is not a valid repository name component"
                        : "has capital letters, which repository names may not";
                throw FerryException.badInput("'" + text + "': '" + component + "' " + why, EXAMPLE);
            }
        }
        if (registry.length() + 1 + path.length() > 255) {
            throw FerryException.badInput("'" + text + "': the name is longer than 255 characters", null);
        }
    }

    /** The tag if there is one, else the digest: what a manifest request asks for. */
    public String reference() {
        return tag.orElseGet(() -> digest.orElseThrow().toString());
    }

    /** {@code registry/repository}, without tag or digest. */
    public String name() {
        return registry + "/" + repository;
    }

    public ImageReference withDigest(Digest d) {
        return new ImageReference(registry, repository, tag, Optional.of(d));
    }

    public ImageReference withoutDigest() {
        return tag.isPresent() ? new ImageReference(registry, repository, tag, Optional.empty()) : this;
    }

    /** The full form: {@code docker.io/library/debian:12}, {@code registry.k8s.io/pause:3.10.1@sha256:…}. */
    @Override
    public String toString() {
        return name() + tag.map(t -> ":" + t).orElse("") + digest.map(d -> "@" + d).orElse("");
    }
}
