package dev.ferry.vpc.check;

import dev.ferry.vpc.model.VpcSnapshot;
import dev.ferry.vpc.route.Routing;

/** What every check reads: EC2's answers, the request, the subnets' roles and routes, and how to phrase fixes. */
record CheckContext(VpcSnapshot vpc, CheckRequest request, ClusterLayout layout, Routing routing, AwsCli aws) {
    String vpcId() {
        return vpc.vpc().id();
    }
}
