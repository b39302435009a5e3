package dev.ferry.bootstrap.render;

/** Who puts the CNI plugin binaries on the node. */
public enum CniPlugins {
    /** The script installs the reference CNI plugins tarball from the lock into /opt/cni/bin. */
    INSTALL,
    /** The Amazon VPC CNI's aws-node DaemonSet installs its own binaries; the script only prepares the folders. */
    LEAVE_TO_AMAZON_VPC_CNI
}
