package dev.ferry.mirror.store;

import dev.ferry.mirror.asset.Digests;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Where a mirror lives: a folder or an S3 bucket prefix. Keys are relative paths such as
 * {@code release/v1.30.0/bin/linux/amd64/kubelet}.
 *
 * <p>The publishing rule every caller follows: {@link #put} the object (complete and verified), then
 * {@link #putText} its sidecar. So a sidecar always means a complete, verified object, and kOps's own
 * copier (which treats a matching sidecar as "already done") interoperates.
 */
public interface MirrorStore extends AutoCloseable {

    /** Where this store is, for messages: {@code file:/srv/mirror} or {@code s3://bucket/prefix}. */
    String describe();

    /**
     * The digests {@link #put} needs besides sha256 (S3: md5 for Content-MD5), so callers compute
     * them in the pass that already reads the bytes.
     */
    default java.util.Set<dev.ferry.mirror.asset.HashAlgorithm> digestsNeeded() {
        return java.util.Set.of();
    }

    /**
     * Everything besides sha256 that publishing under {@code layout} needs: this store's digests and the
     * sidecar's algorithm (sha1 for the legacy layout). Computed once, in the pass that reads the bytes.
     */
    default java.util.Set<dev.ferry.mirror.asset.HashAlgorithm> digestsToPublish(dev.ferry.mirror.layout.Layout layout) {
        java.util.Set<dev.ferry.mirror.asset.HashAlgorithm> also = java.util.EnumSet.noneOf(dev.ferry.mirror.asset.HashAlgorithm.class);
        also.addAll(digestsNeeded());
        also.add(layout.sidecarAlgorithm());
        also.remove(dev.ferry.mirror.asset.HashAlgorithm.SHA256);
        return java.util.Set.copyOf(also);
    }

    /**
     * Fails (what is missing, what to do) when the store itself is not there: an S3 bucket that does not
     * exist answers every object lookup like an absent object, so callers check once, before any work.
     */
    default void checkExists() {
        // a folder is created on first write
    }

    /**
     * Fails once, before any download, when the store will not take writes (credentials that may not write, a
     * read-only folder, a bucket that refuses the ACL asked for). Commands that publish call it.
     */
    default void checkWritable() {
        // stores that cannot refuse a write
    }

    /** The ACL objects are published with, when one was asked for ({@code public-read}, {@code private}). */
    default Optional<String> acl() {
        return Optional.empty();
    }

    /** Whether the object under {@code key} has another ACL than the one asked for (never, when none was asked for). */
    default boolean aclDiffers(String key) {
        return false;
    }

    /** Gives the object under {@code key} the ACL asked for. */
    default void setAcl(String key) {
        // folders have no ACLs
    }

    /** The ARN pattern of this mirror's objects, for a bucket-policy fix ({@code arn:aws-cn:s3:::b/p/*}); empty for a folder. */
    default Optional<String> objectArnPattern() {
        return Optional.empty();
    }

    /** The object's size and tags, or empty when there is no object under {@code key}. */
    Optional<StoredObject> stat(String key);

    /** A small text object (a sidecar), or empty when absent. */
    Optional<String> readText(String key);

    /** Streams an object's bytes (deep verification, re-publishing). */
    InputStream open(String key);

    /**
     * Publishes {@code file} (already verified against {@code digests}) under {@code key} in one piece:
     * atomically for folders, single-part with Content-MD5 for S3 (so the ETag is the MD5).
     */
    StoredObject put(String key, Path file, Digests digests);

    /**
     * Publishes a verified file by the publishing rule: a stale sidecar withdrawn first (when
     * {@code withdrawSidecar}), then the object, then its sidecar. When the sidecar cannot be written (a full
     * disk, a folder in its way, a refused upload) the object is taken back, so no object stands without it.
     */
    default StoredObject publish(String key, Path file, Digests digests, String sidecarKey, String sidecarText, boolean withdrawSidecar) {
        if (withdrawSidecar) {
            delete(sidecarKey);
        }
        StoredObject stored = put(key, file, digests);
        try {
            putText(sidecarKey, sidecarText);
        } catch (RuntimeException e) {
            try {
                delete(key);
            } catch (RuntimeException alsoFailed) {
                e.addSuppressed(alsoFailed);
                throw e;
            }
            String message = e.getMessage() + "; " + key + " was removed again, so no object stands without its sidecar";
            throw e instanceof dev.ferry.error.FerryException f
                    ? new dev.ferry.error.FerryException(message, f.hint().orElse(null), f.exitCode(), e)
                    : new dev.ferry.error.FerryException(message, null, dev.ferry.error.FerryException.FAILED, e);
        }
        return stored;
    }

    /** Writes a small text object, e.g. a sidecar; only after the object it describes is in place. */
    void putText(String key, String text);

    /** Removes an object if present (used to withdraw a sidecar before replacing its object). */
    void delete(String key);

    /** Every key in the store, sorted. */
    List<String> list();

    @Override
    void close();
}
