package dev.ferry.mirror.store;

import dev.ferry.error.FerryException;
import java.util.Locale;

/** The S3 canned ACL a mirror's objects and sidecars get when {@code --acl} asks for one. */
public enum ObjectAcl {
    /** Only the bucket owner reads: nodes need a bucket policy to read the mirror anonymously. */
    PRIVATE("private"),
    /** Anyone may read: what kOps in China needs when the bucket has no public policy. */
    PUBLIC_READ("public-read");

    private final String id;

    ObjectAcl(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static ObjectAcl parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (ObjectAcl a : values()) {
            if (a.id.equals(t)) {
                return a;
            }
        }
        throw FerryException.badInput("--acl " + text + " is not supported", "use --acl public-read, or --acl private");
    }

    @Override
    public String toString() {
        return id;
    }
}
