package dev.ferry.bootstrap.maxpods;

import dev.ferry.error.FerryException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The EC2 limits that decide how many pods the Amazon VPC CNI can address on an instance type
 * as DescribeInstanceTypes reports them.
 *
 * @param enis         ENIs on the default network card (the only card the VPC CNI uses for pods)
 * @param ipv4PerEni   IPv4 addresses per ENI
 * @param networkCards how many network cards the type has
 * @param vcpus        default vCPUs; decides the 110/250 cap
 * @param hypervisor   "nitro", "xen", or "" (bare metal reports none)
 * @param source       where these limits came from, for messages
 */
public record InstanceLimits(String instanceType, int enis, int ipv4PerEni, int networkCards, int vcpus, String hypervisor,
        boolean bareMetal, String source) {

    public InstanceLimits {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(hypervisor, "hypervisor");
        Objects.requireNonNull(source, "source");
        if (enis < 1 || ipv4PerEni < 1 || vcpus < 1) {
            throw FerryException.badInput(source + ": " + instanceType + " reports " + enis + " ENIs, " + ipv4PerEni
                    + " IPv4 per ENI and " + vcpus + " vCPUs; all must be at least 1", "check the instance types data");
        }
    }

    /** One network card as DescribeInstanceTypes lists it. */
    public record NetworkCard(int index, int maximumNetworkInterfaces) {}

    /**
     * Limits from DescribeInstanceTypes fields. When the type lists network cards, the ENIs are those of the
     * default card; a multi-card type's MaximumNetworkInterfaces counts every card and would overstate pods.
     */
    public static InstanceLimits of(String instanceType, int maximumNetworkInterfaces, int ipv4PerInterface,
            Optional<Integer> defaultNetworkCardIndex, List<NetworkCard> cards, int vcpus, String hypervisor, boolean bareMetal, String source) {
        int enis = maximumNetworkInterfaces;
        if (!cards.isEmpty()) {
            int defaultIndex = defaultNetworkCardIndex.orElse(0);
            enis = cards.stream().filter(c -> c.index() == defaultIndex).mapToInt(NetworkCard::maximumNetworkInterfaces).findFirst()
                    .orElseThrow(() -> FerryException.badInput(source + ": " + instanceType + " lists no network card with the default index "
                            + defaultIndex, "check the instance types data"));
        }
        return new InstanceLimits(instanceType, enis, ipv4PerInterface, Math.max(1, cards.size()), vcpus,
                hypervisor == null ? "" : hypervisor, bareMetal, source);
    }

    /** Prefix delegation needs a Nitro-based or bare-metal instance. */
    public boolean supportsPrefixDelegation() {
        return hypervisor.equals("nitro") || bareMetal;
    }
}
