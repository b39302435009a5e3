package dev.ferry.vpc.check;

import java.util.Optional;

/** What a subnet is for in the cluster, and the kOps subnet {@code type} that goes with it. */
public enum Role {
    /** Nodes, public topology: kOps type {@code Public}. */
    PUBLIC("Public", "public node subnet"),
    /** Nodes, private topology: kOps type {@code Private}. */
    PRIVATE("Private", "private node subnet"),
    /** Load balancers and bastions of a private topology: kOps type {@code Utility}. */
    UTILITY("Utility", "utility subnet"),
    /** Pod addresses under VPC CNI custom networking (an ENIConfig); not in the kOps spec. */
    POD("", "pod subnet");

    private final String kopsType;
    private final String words;

    Role(String kopsType, String words) {
        this.kopsType = kopsType;
        this.words = words;
    }

    /** {@code Public}, {@code Private} or {@code Utility}; empty for pod subnets. */
    public Optional<String> kopsType() {
        return kopsType.isEmpty() ? Optional.empty() : Optional.of(kopsType);
    }

    public String words() {
        return words;
    }

    /** Subnets that get internet-facing traffic and public IPs. */
    public boolean publicFacing() {
        return this == PUBLIC || this == UTILITY;
    }

    /** Subnets nodes run in. */
    public boolean nodes() {
        return this == PUBLIC || this == PRIVATE;
    }
}
