package dev.ferry.vpc.route;

/**
 * Where a subnet's {@code 0.0.0.0/0} traffic goes, in the terms kOps's {@code egress} field uses: a NAT gateway
 * ({@code nat-…}), a NAT instance ({@code i-…}), or something kOps does not manage ({@code External}).
 */
public sealed interface DefaultRoute {

    /** The route table the subnet uses (its own, or the VPC's main table). */
    String routeTableId();

    /** What to write in kOps's {@code egress} for a private subnet. */
    default String kopsEgress() {
        return "External";
    }

    /** "NAT gateway nat-…", "no default route", …: for people. */
    String describe();

    record ToNatGateway(String routeTableId, String natGatewayId) implements DefaultRoute {
        @Override
        public String kopsEgress() {
            return natGatewayId;
        }

        @Override
        public String describe() {
            return "NAT gateway " + natGatewayId;
        }
    }

    record ToNatInstance(String routeTableId, String instanceId) implements DefaultRoute {
        @Override
        public String kopsEgress() {
            return instanceId;
        }

        @Override
        public String describe() {
            return "NAT instance " + instanceId;
        }
    }

    record ToInternetGateway(String routeTableId, String internetGatewayId) implements DefaultRoute {
        @Override
        public String describe() {
            return "internet gateway " + internetGatewayId;
        }
    }

    /** A transit gateway, a virtual private gateway, a peering, an appliance's interface…: egress kOps leaves alone. */
    record ToOther(String routeTableId, String what, String id) implements DefaultRoute {
        @Override
        public String describe() {
            return what + " " + id;
        }
    }

    /** The route's target is gone (a deleted NAT gateway, a terminated instance): traffic is dropped. */
    record Blackhole(String routeTableId, String what, String id) implements DefaultRoute {
        @Override
        public String describe() {
            return "blackhole (" + what + " " + id + " is gone)";
        }
    }

    record None(String routeTableId) implements DefaultRoute {
        @Override
        public String describe() {
            return "no default route";
        }
    }
}
