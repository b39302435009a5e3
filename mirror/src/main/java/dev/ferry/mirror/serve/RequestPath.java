package dev.ferry.mirror.serve;

import dev.ferry.format.ControlCharacters;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.ByteBuffer;

/**
 * Maps a request's raw path onto a file under the served folder, or refuses it. Refused: malformed
 * percent-encoding, {@code .} and {@code ..} segments (encoded or not, including {@code %2f}-joined ones),
 * backslashes, NUL and control characters, empty segments, hidden names (a folder store's
 * temporary files start with a dot and must never be served half-written), and anything whose real
 * path, after symlinks, lies outside the folder.
 */
public final class RequestPath {

    /** Why a path was refused: the HTTP status to answer and the reason to log. */
    public static final class Refused extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Path root;

    /** @param root the served folder; resolved to its real path once, so a symlinked root still works */
    public RequestPath(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    public Path root() {
        return root;
    }

    /**
     * The real path of the file or folder {@code rawPath} names, checked to lie inside the root.
     *
     * @throws Refused 400 for a path that tries to leave the folder or is malformed, 404 when nothing
     *                 (servable) is there
     */
    public Path resolve(String rawPath) throws Refused {
        if (rawPath == null || !rawPath.startsWith("/")) {
            throw new Refused(400, "path does not start with /");
        }
        String decoded = decode(rawPath);
        String rel = decoded.substring(1);
        Path candidate = root;
        if (!rel.isEmpty()) {
            String trimmed = rel.endsWith("/") ? rel.substring(0, rel.length() - 1) : rel;
            for (String segment : trimmed.split("/", -1)) {
                if (segment.equals("..") || segment.equals(".")) {
                    throw new Refused(400, "traversal attempt ('" + segment + "' segment)");
                }
                if (segment.isEmpty()) {
                    throw new Refused(400, "empty path segment");
                }
                if (segment.indexOf('\\') >= 0 || segment.chars().anyMatch(ControlCharacters::unsafe)) {
                    throw new Refused(400, "backslash or control character in path");
                }
                if (segment.startsWith(".")) {
                    throw new Refused(404, "hidden name '" + segment + "' is not served");
                }
                candidate = candidate.resolve(segment);
            }
        }
        Path normal = candidate.normalize();
        if (!normal.startsWith(root)) {
            throw new Refused(400, "path leaves the served folder");
        }
        if (!Files.exists(normal, LinkOption.NOFOLLOW_LINKS)) {
            throw new Refused(404, "no such file");
        }
        Path real;
        try {
            real = normal.toRealPath();
        } catch (IOException e) {
            throw new Refused(404, "unresolvable (dangling symlink?)");
        }
        if (!real.startsWith(root)) {
            throw new Refused(404, "symlink leads outside the served folder to " + real);
        }
        return real;
    }

    /** Strict percent-decoding into UTF-8; '+' stays '+' (it is a path, not a form). */
    static String decode(String raw) throws Refused {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new Refused(400, "truncated percent-encoding");
                }
                int hi = Character.digit(raw.charAt(i + 1), 16);
                int lo = Character.digit(raw.charAt(i + 2), 16);
                if (hi < 0 || lo < 0) {
                    throw new Refused(400, "malformed percent-encoding");
                }
                bytes.write(hi * 16 + lo);
                i += 2;
            } else {
                int next = raw.indexOf('%', i);
                int end = next < 0 ? raw.length() : next;
                byte[] utf8 = raw.substring(i, end).getBytes(StandardCharsets.UTF_8);
                bytes.write(utf8, 0, utf8.length);
                i = end - 1;
            }
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new Refused(400, "path is not UTF-8");
        }
    }
}
