package dev.ferry.mirror.asset;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What an asset is for (kubelet, nodeup, containerd, …). A name rather than an enum: the catalog
 * is data, and a new kOps release may bring a new kind without a code change.
 */
public record AssetKind(String name) implements Comparable<AssetKind> {
    /** Before the constants below: their constructor checks against it. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    public static final AssetKind KUBELET = new AssetKind("kubelet");
    public static final AssetKind KUBECTL = new AssetKind("kubectl");
    public static final AssetKind ECR_CREDENTIAL_PROVIDER = new AssetKind("ecr-credential-provider");
    public static final AssetKind CNI = new AssetKind("cni");
    public static final AssetKind CONTAINERD = new AssetKind("containerd");
    public static final AssetKind RUNC = new AssetKind("runc");
    public static final AssetKind NERDCTL = new AssetKind("nerdctl");
    public static final AssetKind CRICTL = new AssetKind("crictl");
    public static final AssetKind NODEUP = new AssetKind("nodeup");
    public static final AssetKind PROTOKUBE = new AssetKind("protokube");
    public static final AssetKind CHANNELS = new AssetKind("channels");
    public static final AssetKind EXTRA = new AssetKind("extra");

    public AssetKind {
        Objects.requireNonNull(name, "name");
        name = name.trim().toLowerCase(Locale.ROOT);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("bad asset kind '" + name + "'");
        }
    }

    @Override
    public int compareTo(AssetKind o) {
        return name.compareTo(o.name);
    }

    @Override
    public String toString() {
        return name;
    }
}
