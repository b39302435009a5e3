package dev.ferry.vpc.check;

/**
 * How the caller's users name the inputs of a check that has no kOps flag of its own, for findings and refusals that
 * say which to change: the CLI gives its flags, a library caller the plain words of {@link #PLAIN}. (The node and
 * utility subnets, the topology and subnet tags are named as kOps's own flags, which are the same everywhere.)
 *
 * @param cluster         the kOps cluster name
 * @param region          the VPC's region
 * @param podSubnets      the subnets for VPC CNI custom networking
 * @param newSubnetCidrs  the CIDRs planned for subnets still to be made
 * @param eniConfigOutput the ENIConfigs rendered from the check
 */
public record InputNames(String cluster, String region, String podSubnets, String newSubnetCidrs, String eniConfigOutput) {
    public static final InputNames PLAIN = new InputNames("cluster name", "region", "pod subnets", "new subnet CIDRs", "the ENIConfigs by zone");
}
