package dev.ferry.mirror.bundle;

import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import java.security.MessageDigest;
import java.util.Optional;

/** sha256, md5 and sha1 of a stream of bytes, fed in the one pass that moves them. */
final class Digester {
    private final MessageDigest sha256 = HashAlgorithm.SHA256.newDigest();
    private final MessageDigest md5 = HashAlgorithm.MD5.newDigest();
    private final MessageDigest sha1 = HashAlgorithm.SHA1.newDigest();
    private long size;

    void update(byte[] b, int off, int len) {
        sha256.update(b, off, len);
        md5.update(b, off, len);
        sha1.update(b, off, len);
        size += len;
    }

    long size() {
        return size;
    }

    Digests digests() {
        return new Digests(size, Hash.of(HashAlgorithm.SHA256, sha256.digest()), Hash.of(HashAlgorithm.MD5, md5.digest()),
                Optional.of(Hash.of(HashAlgorithm.SHA1, sha1.digest())));
    }
}
