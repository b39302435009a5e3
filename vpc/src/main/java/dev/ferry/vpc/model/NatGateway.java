package dev.ferry.vpc.model;

/**
 * A NAT gateway as DescribeNatGateways reports it.
 *
 * @param state            {@code pending}, {@code available}, {@code failed}, {@code deleting} or {@code deleted}
 * @param connectivityType {@code public} (reaches the internet through the VPC's internet gateway) or {@code private}
 */
public record NatGateway(String id, String vpcId, String subnetId, String state, String connectivityType) {
    public boolean available() {
        return "available".equals(state);
    }

    public boolean privateConnectivity() {
        return "private".equals(connectivityType);
    }
}
