package dev.ferry.registry.serve;

import dev.ferry.format.ControlCharacters;
import dev.ferry.registry.oci.Digest;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * What a request under {@code /v2/} asks for, read from its raw path. Names, tags and digests never need
 * percent-encoding, so a {@code %} is refused before anything is decoded; so are {@code .} and {@code ..}
 * segments, empty segments, backslashes and control characters, as the file server refuses them; then the name
 * must follow the distribution grammar and the digest its own, which leave no way out of the layout folder.
 */
sealed interface ApiRequest {
    /** {@code /v2/}: "this is a registry". */
    record Base() implements ApiRequest {}

    /** {@code /v2/<name>/manifests/<tag or digest>}. */
    record ManifestOf(String name, String reference) implements ApiRequest {}

    /** {@code /v2/<name>/blobs/<digest>}. */
    record BlobOf(String name, Digest digest) implements ApiRequest {}

    /** {@code /v2/<name>/tags/list}. */
    record TagsOf(String name) implements ApiRequest {}

    /** A refused or unknown path: the status, the distribution error code and the reason to log. */
    final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;
        private final String code;

        Refused(int status, String code, String reason) {
            super(reason, null, false, false);
            this.status = status;
            this.code = code;
        }

        int status() {
            return status;
        }

        String code() {
            return code;
        }
    }

    Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    Pattern DIGEST_FORM = Pattern.compile("[a-z0-9]+(?:[+._-][a-z0-9]+)*:.*");

    static ApiRequest parse(String rawPath) throws Refused {
        if (rawPath.equals("/v2/") || rawPath.equals("/v2")) {
            return new Base();
        }
        String[] segments = segments(rawPath);
        int n = segments.length;
        if (n >= 3 && segments[n - 2].equals("tags") && segments[n - 1].equals("list")) {
            return new TagsOf(name(segments, n - 2));
        }
        if (n < 3 || !(segments[n - 2].equals("manifests") || segments[n - 2].equals("blobs"))) {
            throw new Refused(404, "UNSUPPORTED", "not an endpoint of this read-only registry");
        }
        String name = name(segments, n - 2);
        String reference = segments[n - 1];
        boolean digestForm = DIGEST_FORM.matcher(reference).matches();
        if (digestForm && !Digest.looksLikeDigest(reference)) {
            throw new Refused(400, "DIGEST_INVALID", "'" + reference + "' is not a sha256 or sha512 digest");
        }
        if (segments[n - 2].equals("blobs")) {
            if (!digestForm) {
                throw new Refused(400, "DIGEST_INVALID", "a blob is asked for by digest, not '" + reference + "'");
            }
            return new BlobOf(name, Digest.parse(reference));
        }
        if (!digestForm && !TAG.matcher(reference).matches()) {
            throw new Refused(404, "MANIFEST_UNKNOWN", "'" + reference + "' is neither a tag nor a digest");
        }
        return new ManifestOf(name, reference);
    }

    private static String[] segments(String rawPath) throws Refused {
        if (!rawPath.startsWith("/v2/")) {
            throw new Refused(404, "UNSUPPORTED", "not an endpoint of this read-only registry");
        }
        if (rawPath.indexOf('%') >= 0) {
            throw new Refused(400, "NAME_INVALID", "percent-encoding in a registry path (names, tags and digests never need it)");
        }
        String rest = rawPath.substring(4);
        String[] segments = rest.split("/", -1);
        for (String s : segments) {
            if (s.equals("..") || s.equals(".")) {
                throw new Refused(400, "NAME_INVALID", "traversal attempt ('" + s + "' segment)");
            }
            if (s.isEmpty()) {
                throw new Refused(400, "NAME_INVALID", "empty path segment");
            }
            if (s.indexOf('\\') >= 0 || s.chars().anyMatch(ControlCharacters::unsafe)) {
                throw new Refused(400, "NAME_INVALID", "backslash or control character in path");
            }
        }
        return segments;
    }

    /** The repository name: the segments before the endpoint's, each a valid component. */
    private static String name(String[] segments, int end) throws Refused {
        String[] parts = Arrays.copyOfRange(segments, 0, end);
        for (String p : parts) {
            if (!COMPONENT.matcher(p).matches()) {
                throw new Refused(400, "NAME_INVALID", "'" + p + "' is not a repository name component");
            }
        }
        String name = String.join("/", parts);
        if (name.length() > 255) {
            throw new Refused(400, "NAME_INVALID", "repository name longer than 255 characters");
        }
        return name;
    }
}
