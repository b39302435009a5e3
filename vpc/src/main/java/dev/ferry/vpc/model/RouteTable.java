package dev.ferry.vpc.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A route table with its routes and the subnets explicitly associated with it. Subnets without an explicit
 * association use the VPC's main table ({@code main}).
 *
 * @param associations subnet ID → association ID ({@code rtbassoc-…}, what {@code replace-route-table-association} takes)
 */
public record RouteTable(String id, List<Route> routes, Map<String, String> associations, boolean main) {
    public RouteTable {
        routes = List.copyOf(routes);
        associations = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(associations));
    }

    public List<String> subnetIds() {
        return List.copyOf(associations.keySet());
    }

    /** The {@code 0.0.0.0/0} route, if the table has one. */
    public Optional<Route> defaultRoute() {
        return routes.stream().filter(r -> Route.DEFAULT_IPV4.equals(r.destination())).findFirst();
    }
}
