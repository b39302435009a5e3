package dev.ferry.mirror.fetch;

import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;

/** sha256, md5 and (when asked) sha1 of bytes as they pass, so one pass over the bytes yields all of them. */
final class RunningDigests {
    private final MessageDigest sha256 = HashAlgorithm.SHA256.newDigest();
    private final MessageDigest md5 = HashAlgorithm.MD5.newDigest();
    private final MessageDigest sha1;
    private long size;

    RunningDigests(boolean withSha1) {
        this.sha1 = withSha1 ? HashAlgorithm.SHA1.newDigest() : null;
    }

    void update(byte[] buf, int off, int len) {
        sha256.update(buf, off, len);
        md5.update(buf, off, len);
        if (sha1 != null) {
            sha1.update(buf, off, len);
        }
        size += len;
    }

    long size() {
        return size;
    }

    Digests digests() {
        return new Digests(size, Hash.of(HashAlgorithm.SHA256, sha256.digest()), Hash.of(HashAlgorithm.MD5, md5.digest()),
                sha1 == null ? Optional.empty() : Optional.of(Hash.of(HashAlgorithm.SHA1, sha1.digest())));
    }

    /** The digests of a whole file. */
    static Digests of(Path file, boolean withSha1, int bufferSize) throws IOException {
        RunningDigests d = new RunningDigests(withSha1);
        byte[] buf = new byte[bufferSize];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) >= 0) {
                d.update(buf, 0, n);
            }
        }
        return d.digests();
    }
}
