package dev.ferry.bootstrap.maxpods;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * kubelet max-pods for the Amazon VPC CNI:
 * {@code ENIs × (IPv4 per ENI − 1) + 2}, with {@code ENIs − 1} under custom networking,
 * {@code × 16} addresses per slot with prefix delegation, capped at 110 (≤ 30 vCPUs) or 250.
 * The +2 are the host-network pods (aws-node, kube-proxy) that need no pod address.
 */
public final class MaxPodsCalculator {
    /** Kubernetes' recommended per-node pod limit on small nodes, and the EKS limit on large ones. */
    public static final int SMALL_CAP = 110;
    public static final int LARGE_CAP = 250;
    public static final int SMALL_NODE_MAX_VCPUS = 30;
    private static final int ADDRESSES_PER_PREFIX = 16;
    private static final int HOST_NETWORK_PODS = 2;

    private MaxPodsCalculator() {}

    public static MaxPods compute(InstanceLimits limits, PodNetworking requested, boolean applyCap) {
        List<String> notes = new ArrayList<>();
        boolean prefixes = requested.prefixDelegation();
        if (prefixes && !limits.supportsPrefixDelegation()) {
            prefixes = false;
            notes.add("prefix delegation does not apply: " + limits.instanceType() + " runs on the "
                    + (limits.hypervisor().isEmpty() ? "(unreported)" : limits.hypervisor())
                    + " hypervisor and is not bare metal, and the VPC CNI assigns prefixes only on Nitro or bare-metal instances;"
                    + " it keeps using single secondary IPs there, so the value is computed without prefixes");
        }
        PodNetworking used = new PodNetworking(requested.customNetworking(), prefixes);
        int enis = limits.enis() - (used.customNetworking() ? 1 : 0);
        if (used.customNetworking() && enis == 0) {
            notes.add(limits.instanceType() + " has a single ENI: with custom networking only host-network pods can run on it");
        }
        if (limits.networkCards() > 1) {
            notes.add(limits.instanceType() + " has " + limits.networkCards() + " network cards; only the default card's "
                    + limits.enis() + " ENIs carry pod addresses");
        }
        int perEni = (limits.ipv4PerEni() - 1) * (prefixes ? ADDRESSES_PER_PREFIX : 1);
        int uncapped = enis * perEni + HOST_NETWORK_PODS;
        int cap = limits.vcpus() <= SMALL_NODE_MAX_VCPUS ? SMALL_CAP : LARGE_CAP;
        int maxPods = applyCap ? Math.min(uncapped, cap) : uncapped;
        return new MaxPods(limits.instanceType(), maxPods, uncapped, enis, limits.ipv4PerEni(), used,
                applyCap ? OptionalInt.of(cap) : OptionalInt.empty(), limits.vcpus(), limits.source(), notes);
    }
}
