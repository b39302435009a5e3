package dev.ferry.mirror.layout;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.HashAlgorithm;

/**
 * How objects are named in a mirror: kOps's fileRepository layout, or the 2018 layout of kOps 1.9 and older.
 * The key of each asset under each layout is computed once by {@link KeyRules} and kept in the lock.
 */
public enum Layout {
    /** kOps {@code spec.assets.fileRepository}: the canonical URL's path with the host dropped; sha256 sidecars. */
    KOPS("kops", HashAlgorithm.SHA256),
    /** The 2018 layout of the China guide: {@code kubernetes/…} and {@code kops/…} trees with sha1 sidecars. */
    LEGACY("legacy", HashAlgorithm.SHA1);

    private final String id;
    private final HashAlgorithm sidecarAlgorithm;

    Layout(String id, HashAlgorithm sidecarAlgorithm) {
        this.id = id;
        this.sidecarAlgorithm = sidecarAlgorithm;
    }

    public String id() {
        return id;
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
        for (Layout l : values()) {
            if (l.id.equalsIgnoreCase(id.trim())) {
                return l;
            }
        }
        throw FerryException.badInput("unknown layout '" + id + "'", "use kops or legacy");
    }

    @Override
    public String toString() {
        return id;
    }
}
