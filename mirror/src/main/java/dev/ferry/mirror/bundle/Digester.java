package dev.ferry.mirror.bundle;

import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * sha256 and md5 (and sha1 when asked: it costs as much as the other two) of a stream of bytes, fed in
 * the one pass that moves them.
 */
final class Digester {
    private final MessageDigest sha256 = HashAlgorithm.SHA256.newDigest();
    private final MessageDigest md5 = HashAlgorithm.MD5.newDigest();
    private final Optional<MessageDigest> sha1;
    private long size;

    Digester(boolean withSha1) {
        this.sha1 = withSha1 ? Optional.of(HashAlgorithm.SHA1.newDigest()) : Optional.empty();
    }

    void update(byte[] b, int off, int len) {
        sha256.update(b, off, len);
        md5.update(b, off, len);
        if (sha1.isPresent()) {
            sha1.get().update(b, off, len);
        }
        size += len;
    }

    long size() {
        return size;
    }

    Digests digests() {
        return new Digests(size, Hash.of(HashAlgorithm.SHA256, sha256.digest()), Hash.of(HashAlgorithm.MD5, md5.digest()),
                sha1.map(d -> Hash.of(HashAlgorithm.SHA1, d.digest())));
    }
}
