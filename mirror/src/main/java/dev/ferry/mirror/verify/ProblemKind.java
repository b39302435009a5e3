package dev.ferry.mirror.verify;

/** What can be wrong with one object of a mirror, named as the user will search for it. */
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
    STORE_ERROR("store-error");

    private final String id;

    ProblemKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    @Override
    public String toString() {
        return id;
    }
}
