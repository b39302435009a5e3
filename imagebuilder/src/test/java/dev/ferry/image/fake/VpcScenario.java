package dev.ferry.image.fake;

/**
 * A VPC in cn-north-1 that hosts a kOps cluster with VPC CNI custom networking, as a China admin's network team
 * would build it: private node subnets behind one NAT gateway per zone, utility subnets on the internet gateway,
 * pod subnets in the secondary block 100.64.0.0/16, every tag kOps wants. Tests break one thing at a time.
 */
public final class VpcScenario {
    public static final String REGION = "cn-north-1";
    public static final String CLUSTER = "k8s.example.cn";
    public static final String VPC = "vpc-0a1b2c3d4e5f60718";
    public static final String PRIVATE_A = "subnet-0aa0000000000000a";
    public static final String PRIVATE_B = "subnet-0bb0000000000000b";
    public static final String UTILITY_A = "subnet-0ca000000000000ca";
    public static final String UTILITY_B = "subnet-0cb000000000000cb";
    public static final String POD_A = "subnet-0da000000000000da";
    public static final String POD_B = "subnet-0db000000000000db";
    /** A subnet of the VPC the cluster does not use (on the main table, which has no default route). */
    public static final String OTHER = "subnet-0ee000000000000ee";
    public static final String IGW = "igw-0f00000000000001f";
    public static final String NAT_A = "nat-0a00000000000001a";
    public static final String NAT_B = "nat-0b00000000000001b";
    public static final String RTB_PUBLIC = "rtb-0c00000000000001c";
    public static final String RTB_PRIVATE_A = "rtb-0a00000000000001a";
    public static final String RTB_PRIVATE_B = "rtb-0b00000000000001b";
    public static final String ZONE_A = "cn-north-1a";
    public static final String ZONE_B = "cn-north-1b";
    public static final String ZONE_D = "cn-north-1d";

    private VpcScenario() {}

    /** Builds the VPC into {@code f}. */
    public static void build(FakeVpcs f) {
        f.zone(REGION, ZONE_A, "cnn1-az1");
        f.zone(REGION, ZONE_B, "cnn1-az2");
        f.zone(REGION, ZONE_D, "cnn1-az4");
        f.vpc(REGION, VPC, "10.0.0.0/16");
        f.block(VPC, "100.64.0.0/16", "associated");
        f.subnet(PRIVATE_A, VPC, ZONE_A, "10.0.1.0/24", 250);
        f.subnet(PRIVATE_B, VPC, ZONE_B, "10.0.2.0/24", 250);
        f.subnet(UTILITY_A, VPC, ZONE_A, "10.0.101.0/24", 248).mapPublicIp = true;
        f.subnet(UTILITY_B, VPC, ZONE_B, "10.0.102.0/24", 248).mapPublicIp = true;
        f.subnet(POD_A, VPC, ZONE_A, "100.64.0.0/17", 32763);
        f.subnet(POD_B, VPC, ZONE_B, "100.64.128.0/17", 32763);
        f.subnet(OTHER, VPC, ZONE_D, "10.0.200.0/24", 251);
        for (String s : new String[] {PRIVATE_A, PRIVATE_B}) {
            tag(f, s, "Private", "kubernetes.io/role/internal-elb");
        }
        for (String s : new String[] {UTILITY_A, UTILITY_B}) {
            tag(f, s, "Utility", "kubernetes.io/role/elb");
        }
        f.internetGateway(IGW, VPC);
        f.natGateway(NAT_A, VPC, UTILITY_A);
        f.natGateway(NAT_B, VPC, UTILITY_B);
        f.defaultRoute(f.routeTable(RTB_PUBLIC, VPC, UTILITY_A, UTILITY_B), IGW);
        f.defaultRoute(f.routeTable(RTB_PRIVATE_A, VPC, PRIVATE_A, POD_A), NAT_A);
        f.defaultRoute(f.routeTable(RTB_PRIVATE_B, VPC, PRIVATE_B, POD_B), NAT_B);
    }

    private static void tag(FakeVpcs f, String subnet, String type, String elbTag) {
        var tags = f.subnets.get(subnet).tags;
        tags.put("Name", CLUSTER + "-" + type.toLowerCase(java.util.Locale.ROOT) + "-" + f.subnets.get(subnet).zone);
        tags.put("kubernetes.io/cluster/" + CLUSTER, "shared");
        tags.put("SubnetType", type);
        tags.put(elbTag, "1");
    }
}
