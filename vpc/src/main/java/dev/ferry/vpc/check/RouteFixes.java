package dev.ferry.vpc.check;

import dev.ferry.vpc.model.RouteTable;
import dev.ferry.vpc.route.DefaultRoute;
import java.util.List;
import java.util.Optional;

/** The fixes that change where a subnet's default route goes, and the warning when its route table serves others too. */
final class RouteFixes {
    private RouteFixes() {}

    /**
     * {@code create-route} (no default route yet) or {@code replace-route} (one that goes elsewhere) in the subnet's table,
     * sending {@code 0.0.0.0/0} to {@code target} via {@code targetFlag} ({@code --nat-gateway-id}, {@code --gateway-id}).
     */
    static String pointDefaultRoute(CheckContext c, DefaultRoute route, String targetFlag, String target) {
        String verb = route instanceof DefaultRoute.None ? "create-route" : "replace-route";
        return c.aws().ec2(verb, "--route-table-id", route.routeTableId(), "--destination-cidr-block", "0.0.0.0/0", targetFlag, target);
    }

    /** "; note: rtb-… is the VPC's main table and also serves subnet-a, …" or "" when the table is the subnet's own. */
    static String sharedTableCaution(CheckContext c, ClusterSubnet s) {
        List<String> others = c.routing().sharingTableWith(s.id());
        boolean main = c.routing().usesMainTable(s.id());
        if (others.isEmpty() && !main) {
            return "";
        }
        List<String> what = new java.util.ArrayList<>();
        if (main) {
            what.add("is the VPC's main table (every subnet without a table of its own uses it)");
        }
        if (!others.isEmpty()) {
            what.add("also serves " + String.join(", ", others.stream().limit(5).toList())
                    + (others.size() > 5 ? " and " + (others.size() - 5) + " more" : ""));
        }
        return "; note: " + s.route().routeTableId() + " " + String.join(" and ", what) + ", so a route change there applies to those"
                + " subnets too (if that is not wanted, give " + s.id() + " its own table first: aws ec2 create-route-table, then associate-route-table)";
    }

    /** Makes {@code s} use {@code table}: associate (it uses the main table) or replace its explicit association. */
    static String useTable(CheckContext c, ClusterSubnet s, RouteTable table) {
        Optional<String> association = c.vpc().routeTables().stream().map(t -> t.associations().get(s.id()))
                .filter(a -> a != null && !a.isEmpty()).findFirst();
        return association.map(a -> c.aws().ec2("replace-route-table-association", "--association-id", a, "--route-table-id", table.id()))
                .orElseGet(() -> c.aws().ec2("associate-route-table", "--route-table-id", table.id(), "--subnet-id", s.id()));
    }
}
