package dev.ferry.vpc.route;

import dev.ferry.vpc.model.Route;
import dev.ferry.vpc.model.RouteTable;
import dev.ferry.vpc.model.VpcSnapshot;
import java.util.List;
import java.util.Optional;

/** Which route table a subnet uses (its explicit association, else the VPC's main table) and where its default route goes. */
public final class Routing {
    private final VpcSnapshot vpc;

    public Routing(VpcSnapshot vpc) {
        this.vpc = vpc;
    }

    /** The table the subnet uses; empty only if the VPC has no main table (EC2 always creates one). */
    public Optional<RouteTable> tableOf(String subnetId) {
        Optional<RouteTable> explicit = vpc.routeTables().stream().filter(t -> t.subnetIds().contains(subnetId)).findFirst();
        return explicit.isPresent() ? explicit : vpc.routeTables().stream().filter(RouteTable::main).findFirst();
    }

    /** Whether the subnet uses the main table because it has no table of its own. */
    public boolean usesMainTable(String subnetId) {
        return vpc.routeTables().stream().noneMatch(t -> t.subnetIds().contains(subnetId));
    }

    /** The other subnets (of the VPC) that use the same table as {@code subnetId}: a route change there changes them too. */
    public List<String> sharingTableWith(String subnetId) {
        String table = tableOf(subnetId).map(RouteTable::id).orElse("");
        return vpc.subnets().stream().map(s -> s.id()).filter(id -> !id.equals(subnetId))
                .filter(id -> tableOf(id).map(RouteTable::id).orElse("").equals(table)).toList();
    }

    public DefaultRoute defaultRoute(String subnetId) {
        Optional<RouteTable> table = tableOf(subnetId);
        String tableId = table.map(RouteTable::id).orElse("");
        Optional<Route> route = table.flatMap(RouteTable::defaultRoute);
        if (route.isEmpty()) {
            return new DefaultRoute.None(tableId);
        }
        Route.Target t = route.get().target();
        String what = words(t);
        if (route.get().blackhole()) {
            return new DefaultRoute.Blackhole(tableId, what, t.id());
        }
        return switch (t.kind()) {
            case NAT_GATEWAY -> new DefaultRoute.ToNatGateway(tableId, t.id());
            case INSTANCE -> new DefaultRoute.ToNatInstance(tableId, t.id());
            case GATEWAY -> vpc.isInternetGateway(t.id()) ? new DefaultRoute.ToInternetGateway(tableId, t.id())
                    : new DefaultRoute.ToOther(tableId, what, t.id());
            default -> new DefaultRoute.ToOther(tableId, what, t.id());
        };
    }

    private String words(Route.Target t) {
        return switch (t.kind()) {
            case NAT_GATEWAY -> "NAT gateway";
            case INSTANCE -> "instance";
            case GATEWAY -> vpc.isInternetGateway(t.id()) ? "internet gateway"
                    : t.id().startsWith("vgw-") ? "virtual private gateway" : "gateway";
            case TRANSIT_GATEWAY -> "transit gateway";
            case VPC_PEERING -> "VPC peering connection";
            case NETWORK_INTERFACE -> "network interface";
            case LOCAL_GATEWAY -> "local gateway";
            case CARRIER_GATEWAY -> "carrier gateway";
            case EGRESS_ONLY_GATEWAY -> "egress-only internet gateway";
            case CORE_NETWORK -> "Cloud WAN core network";
            case LOCAL -> "the VPC itself";
            case UNKNOWN -> "an unknown target";
        };
    }
}
