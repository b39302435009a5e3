package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.maxpods.PodNetworking;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The Amazon VPC CNI flags that change max-pods; shared by {@code max-pods} and {@code render}. */
public final class PodNetworkingOptions {

    @Option(names = "--custom-networking", description = "Amazon VPC CNI custom networking (ENIConfig): pods use secondary ENIs only, one ENI fewer.")
    boolean customNetworking;

    @Mixin
    PrefixDelegationOption prefixDelegation;

    @Option(names = "--no-cap", description = "Use the uncapped max-pods (default: cap at 110 up to 30 vCPUs, 250 above).")
    boolean noCap;

    public PodNetworking networking() {
        return new PodNetworking(customNetworking, prefixDelegation.value());
    }

    public boolean applyCap() {
        return !noCap;
    }
}
