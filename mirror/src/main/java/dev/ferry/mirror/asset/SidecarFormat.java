package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;

/** How an upstream checksum file is written: bare hex ({@code kubelet.sha256}) or {@code hash  filename} lines. */
public enum SidecarFormat {
    /** Bare hex, maybe followed by a file name: {@code kubelet.sha256}. kOps takes the first field. */
    BARE("bare"),
    /**
     * A {@code hash  filename} list: {@code containerd-….tar.gz.sha256sum}, {@code runc.sha256sum}
     * (possibly PGP clear-signed), {@code SHA256SUMS}. The line for the asset's file name is used.
     */
    SUMS("sums");

    private final String id;

    SidecarFormat(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SidecarFormat parse(String id) {
        for (SidecarFormat f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw FerryException.badInput("unknown sidecar format '" + id + "'", "use bare or sums");
    }

    @Override
    public String toString() {
        return id;
    }
}
