package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;

/** How an upstream checksum file is written: bare hex ({@code kubelet.sha256}) or {@code hash  filename} lines. */
public enum SidecarFormat implements Word {
    /** Bare hex, maybe followed by a file name: {@code kubelet.sha256}. kOps takes the first field. */
    BARE,
    /**
     * A {@code hash  filename} list: {@code containerd-….tar.gz.sha256sum}, {@code runc.sha256sum}
     * (possibly PGP clear-signed), {@code SHA256SUMS}. The line for the asset's file name is used.
     */
    SUMS;

    public static SidecarFormat parse(String id) {
        return Word.find(values(), id)
                .orElseThrow(() -> FerryException.badInput("unknown sidecar format '" + id + "'", "use " + Word.choices(values())));
    }

    @Override
    public String toString() {
        return id();
    }
}
