package dev.ferry.mirror.store;

import dev.ferry.error.FerryException;
import java.nio.file.Path;

/**
 * Where {@code --to} points: a folder ({@code file:./mirror}, {@code file:/srv/mirror}) or an S3 bucket
 * prefix ({@code s3://bucket/prefix}). Parsing is separate from opening so bad input fails before any
 * network or disk work.
 */
public sealed interface MirrorTarget {

    /** A folder on this machine. */
    record Folder(Path dir) implements MirrorTarget {
        @Override
        public MirrorStore open(S3Options s3) {
            return new FolderStore(dir);
        }

        @Override
        public String toString() {
            return "file:" + dir;
        }
    }

    /** An S3 bucket, with an optional key prefix (no leading or trailing slash). */
    record Bucket(String bucket, String prefix) implements MirrorTarget {
        @Override
        public MirrorStore open(S3Options s3) {
            return S3Store.connect(bucket, prefix, s3);
        }

        @Override
        public String toString() {
            return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
        }
    }

    /** Opens the store; S3 options are ignored for folders. */
    MirrorStore open(S3Options s3);

    /** Parses {@code file:DIR}, {@code file:///abs} or {@code s3://bucket[/prefix]}. */
    static MirrorTarget parse(String text) {
        String t = text == null ? "" : text.trim();
        String hint = "use file:./mirror, file:/srv/mirror or s3://bucket/prefix";
        if (t.startsWith("file://")) {
            String path = t.substring("file://".length());
            if (!path.startsWith("/")) {
                throw FerryException.badInput("'" + text + "' is not a usable folder target", "write file:" + path + " for a relative folder, or " + hint);
            }
            return new Folder(Path.of(path));
        }
        if (t.startsWith("file:")) {
            String path = t.substring("file:".length());
            if (path.isBlank()) {
                throw FerryException.badInput("'" + text + "' names no folder", hint);
            }
            return new Folder(Path.of(path));
        }
        if (t.startsWith("s3://")) {
            String rest = t.substring("s3://".length());
            int slash = rest.indexOf('/');
            String bucket = slash < 0 ? rest : rest.substring(0, slash);
            String prefix = slash < 0 ? "" : rest.substring(slash + 1);
            while (prefix.endsWith("/")) {
                prefix = prefix.substring(0, prefix.length() - 1);
            }
            if (!bucket.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
                throw FerryException.badInput("'" + bucket + "' is not a valid S3 bucket name (in '" + text + "')",
                        "bucket names are 3-63 characters of lowercase letters, digits, '.' and '-'; " + hint);
            }
            if (prefix.startsWith("/") || prefix.contains("//")) {
                throw FerryException.badInput("the key prefix in '" + text + "' has empty path segments", "write s3://" + bucket + "/some/prefix");
            }
            return new Bucket(bucket, prefix);
        }
        throw FerryException.badInput("'" + text + "' is not a mirror target", hint);
    }
}
