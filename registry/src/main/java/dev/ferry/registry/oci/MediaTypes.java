package dev.ferry.registry.oci;

import java.util.List;

/** The manifest media types a copier must keep apart: their bytes are copied as they are, each under its own type. */
public final class MediaTypes {
    private MediaTypes() {}

    public static final String OCI_INDEX = "application/vnd.oci.image.index.v1+json";
    public static final String OCI_MANIFEST = "application/vnd.oci.image.manifest.v1+json";
    public static final String DOCKER_LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    public static final String DOCKER_MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    /** Docker schema 1: no digest-stable form, refused as modern copiers refuse it. */
    public static final String DOCKER_SCHEMA1 = "application/vnd.docker.distribution.manifest.v1+json";
    public static final String DOCKER_SCHEMA1_SIGNED = "application/vnd.docker.distribution.manifest.v1+prettyjws";

    /** Layers that registries do not serve (Windows base layers): their {@code urls} say where they live. */
    public static final List<String> NON_DISTRIBUTABLE = List.of(
            "application/vnd.docker.image.rootfs.foreign.diff.tar.gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+gzip",
            "application/vnd.oci.image.layer.nondistributable.v1.tar+zstd");

    /**
     * Every manifest type, for {@code Accept}. A registry asked without the list types answers a tag of a
     * multi-platform image with one platform's manifest, which silently changes the digest.
     */
    public static final List<String> MANIFESTS = List.of(OCI_INDEX, DOCKER_LIST, OCI_MANIFEST, DOCKER_MANIFEST);

    public static boolean isIndex(String mediaType) {
        return OCI_INDEX.equals(mediaType) || DOCKER_LIST.equals(mediaType);
    }

    public static boolean isSchema1(String mediaType) {
        return DOCKER_SCHEMA1.equals(mediaType) || DOCKER_SCHEMA1_SIGNED.equals(mediaType);
    }

    /** The {@code Accept} header for a manifest request; {@code also} adds a type a descriptor named. */
    public static String accept(String also) {
        return also.isEmpty() || MANIFESTS.contains(also) ? String.join(", ", MANIFESTS) : String.join(", ", MANIFESTS) + ", " + also;
    }
}
