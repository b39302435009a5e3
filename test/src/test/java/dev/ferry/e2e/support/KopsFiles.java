package dev.ferry.e2e.support;

/** Three files every kOps node downloads, as paths on an {@link Upstream} (dl.k8s.io, artifacts.k8s.io, GitHub releases), and test bytes for two of them. */
public final class KopsFiles {
    private KopsFiles() {}

    public static final String KUBELET_PATH = "/release/v1.30.0/bin/linux/amd64/kubelet";
    public static final String NODEUP_PATH = "/binaries/kops/1.30.4/linux/amd64/nodeup";
    public static final String RUNC_PATH = "/opencontainers/runc/releases/download/v1.1.14/runc.amd64";

    public static final byte[] KUBELET = TestLock.bytes(300_000, 1);
    public static final byte[] RUNC = TestLock.bytes(100_000, 3);
}
