package dev.ferry.mirror.layout;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;
import dev.ferry.mirror.asset.HashAlgorithm;

/**
 * How objects are named in a mirror: kOps's fileRepository layout, or the 2018 layout of kOps 1.9 and older.
 * The key of each asset under each layout is computed once by {@link KeyRules} and kept in the lock.
 */
public enum Layout implements Word {
    /** kOps {@code spec.assets.fileRepository}: the canonical URL's path with the host dropped; sha256 sidecars. */
    KOPS(HashAlgorithm.SHA256),
    /** The 2018 layout of the China guide: {@code kubernetes/…} and {@code kops/…} trees with sha1 sidecars. */
    LEGACY(HashAlgorithm.SHA1);

    private final HashAlgorithm sidecarAlgorithm;

    Layout(HashAlgorithm sidecarAlgorithm) {
        this.sidecarAlgorithm = sidecarAlgorithm;
    }

    /** The algorithm of the {@code <key>.<alg>} sidecar written next to every object. */
    public HashAlgorithm sidecarAlgorithm() {
        return sidecarAlgorithm;
    }

    /** The sidecar's key for an object key: {@code release/…/kubelet.sha256}. */
    public String sidecarKey(String objectKey) {
        return objectKey + sidecarAlgorithm.sidecarSuffix();
    }

    public static Layout parse(String id) {
        return Word.find(values(), id)
                .orElseThrow(() -> FerryException.badInput("unknown layout '" + id + "'", "use " + Word.choices(values())));
    }

    @Override
    public String toString() {
        return id();
    }
}
