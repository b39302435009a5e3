package dev.ferry.mirror.store;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;

/** The S3 canned ACL a mirror's objects and sidecars get when {@code --acl} asks for one. */
public enum ObjectAcl implements Word {
    /** Only the bucket owner reads: nodes need a bucket policy to read the mirror anonymously. */
    PRIVATE,
    /** Anyone may read: what kOps in China needs when the bucket has no public policy. */
    PUBLIC_READ;

    public static ObjectAcl parse(String text) {
        return Word.find(values(), text)
                .orElseThrow(() -> FerryException.badInput("--acl " + text + " is not supported", "use --acl public-read, or --acl private"));
    }

    @Override
    public String toString() {
        return id();
    }
}
