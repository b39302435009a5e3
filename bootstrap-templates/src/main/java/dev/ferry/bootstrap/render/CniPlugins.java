package dev.ferry.bootstrap.render;

import dev.ferry.error.FerryException;
import java.util.Locale;

/** Who puts the CNI plugin binaries on the node. */
public enum CniPlugins {
    /** The script installs the reference CNI plugins tarball from the lock into /opt/cni/bin. */
    INSTALL,
    /** The Amazon VPC CNI's aws-node DaemonSet installs its own binaries; the script only prepares the folders. */
    LEAVE_TO_AMAZON_VPC_CNI;

    /** {@code install}, or {@code amazon-vpc} (also {@code amazonvpc}, as kOps names that networking). */
    public static CniPlugins parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "install" -> INSTALL;
            case "amazon-vpc", "amazonvpc" -> LEAVE_TO_AMAZON_VPC_CNI;
            default -> throw FerryException.badInput("'" + text + "' is neither install nor amazon-vpc", "use install or amazon-vpc");
        };
    }
}
