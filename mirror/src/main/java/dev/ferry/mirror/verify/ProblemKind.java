package dev.ferry.mirror.verify;

/** What can be wrong with one object of a mirror, or one image in a registry, named as the user will search for it. */
public enum ProblemKind {
    MISSING_OBJECT("missing-object"),
    MISSING_SIDECAR("missing-sidecar"),
    BAD_SIDECAR("unreadable-sidecar"),
    WRONG_SIDECAR_ALGORITHM("wrong-sidecar-algorithm"),
    SIDECAR_MISMATCH("sidecar-mismatch"),
    SIZE_MISMATCH("size-mismatch"),
    CONTENT_MISMATCH("content-mismatch"),
    MULTIPART_ETAG("multipart-etag"),
    ETAG_NOT_MD5("etag-not-md5"),
    NOT_PUBLIC("not-anonymously-readable"),
    NOT_AT_PUBLIC_URL("not-at-public-url"),
    WRONG_REGION("redirect-to-other-region"),
    PUBLIC_MISMATCH("public-sidecar-differs"),
    PUBLIC_UNREACHABLE("public-url-unreachable"),
    STORE_ERROR("store-error"),
    MISSING_IMAGE("missing-image"),
    WRONG_IMAGE_DIGEST("wrong-image-digest"),
    MISSING_PLATFORM("missing-platform"),
    MISSING_BLOB("missing-blob"),
    IMAGE_NOT_PUBLIC("image-not-anonymously-pullable"),
    REGISTRY_ERROR("registry-error");

    private final String id;

    ProblemKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** A problem of an image in a registry, not of an object of the mirror. */
    public boolean ofImage() {
        return compareTo(MISSING_IMAGE) >= 0;
    }

    @Override
    public String toString() {
        return id;
    }
}
