package dev.ferry.mirror.fetch;

import dev.ferry.format.DirectFileReader;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;

/**
 * sha256 and, when asked, md5 and sha1 of bytes as they pass, so one pass over the bytes yields all
 * of them. md5 is asked for only where a store needs it (S3's Content-MD5): on this machine it costs
 * twice the CPU of sha256.
 */
public final class RunningDigests {
    private final MessageDigest sha256 = HashAlgorithm.SHA256.newDigest();
    private final MessageDigest md5;
    private final MessageDigest sha1;
    private long size;

    /** @param also the digests wanted besides sha256 */
    public RunningDigests(Set<HashAlgorithm> also) {
        this.md5 = also.contains(HashAlgorithm.MD5) ? HashAlgorithm.MD5.newDigest() : null;
        this.sha1 = also.contains(HashAlgorithm.SHA1) ? HashAlgorithm.SHA1.newDigest() : null;
    }

    public void update(byte[] buf, int off, int len) {
        sha256.update(buf, off, len);
        if (md5 != null) {
            md5.update(buf, off, len);
        }
        if (sha1 != null) {
            sha1.update(buf, off, len);
        }
        size += len;
    }

    /** The remaining bytes of {@code buf}, which is consumed. */
    public void update(ByteBuffer buf) {
        int n = buf.remaining();
        if (md5 != null) {
            md5.update(buf.duplicate());
        }
        if (sha1 != null) {
            sha1.update(buf.duplicate());
        }
        sha256.update(buf);
        size += n;
    }

    public long size() {
        return size;
    }

    public Digests digests() {
        return new Digests(size, Hash.of(HashAlgorithm.SHA256, sha256.digest()),
                md5 == null ? Optional.empty() : Optional.of(Hash.of(HashAlgorithm.MD5, md5.digest())),
                sha1 == null ? Optional.empty() : Optional.of(Hash.of(HashAlgorithm.SHA1, sha1.digest())));
    }

    /** The digests of a whole file, read around the page cache ({@link DirectFileReader}): it is read once, start to end. */
    public static Digests of(Path file, Set<HashAlgorithm> also) throws IOException {
        RunningDigests d = new RunningDigests(also);
        try (DirectFileReader in = DirectFileReader.open(file)) {
            for (ByteBuffer piece = in.next(); piece.hasRemaining(); piece = in.next()) {
                d.update(piece);
            }
        }
        return d.digests();
    }
}
