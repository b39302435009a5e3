package dev.ferry.bootstrap.maxpods;

/**
 * How the Amazon VPC CNI gives pods addresses: on the node's own ENIs (default), on secondary ENIs only
 * (custom networking, ENIConfig), each optionally with /28 prefixes instead of single IPs (prefix delegation).
 */
public record PodNetworking(boolean customNetworking, boolean prefixDelegation) {
    public static final PodNetworking DEFAULT = new PodNetworking(false, false);

    /** Either feature is the Amazon VPC CNI's: a node that uses them runs that CNI, which brings its own plugins. */
    public boolean impliesAmazonVpcCni() {
        return customNetworking || prefixDelegation;
    }

    /** "default", "custom-networking", "prefix-delegation" or "custom-networking+prefix-delegation". */
    public String mode() {
        if (customNetworking && prefixDelegation) {
            return "custom-networking+prefix-delegation";
        }
        if (customNetworking) {
            return "custom-networking";
        }
        return prefixDelegation ? "prefix-delegation" : "default";
    }
}
