package dev.ferry.cli.bootstrap;

import picocli.CommandLine.Option;

/** {@code --prefix-delegation}: the cluster's Amazon VPC CNI hands out /28 prefixes; max-pods, eniconfig and vpc check count with it. */
public final class PrefixDelegationOption {

    @Option(names = "--prefix-delegation", description = "Amazon VPC CNI prefix delegation (ENABLE_PREFIX_DELEGATION=true on aws-node): /28 prefixes per slot.")
    boolean prefixDelegation;

    public boolean value() {
        return prefixDelegation;
    }
}
