package dev.ferry.vpc.check;

import java.util.ArrayList;
import java.util.List;

/** Public and utility subnets hand out public IPs on launch; private node and pod subnets do not. */
final class PublicIpCheck implements Check {
    static final String ID = "public-ip";

    @Override
    public List<Finding> check(CheckContext c) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSubnet s : c.layout().subnets()) {
            boolean on = s.subnet().mapPublicIpOnLaunch();
            if (s.role().publicFacing() && !on) {
                out.add(Finding.warning(ID, s.id(), "the " + s.role().words() + " does not give instances public IPs (MapPublicIpOnLaunch off)",
                        "kOps asks for public IPs for its own instances in Public and Utility subnets, but bastions and NAT instances launched"
                                + " here otherwise get none and cannot be reached or reach out",
                        "turn it on:", List.of(c.aws().ec2("modify-subnet-attribute", "--subnet-id", s.id(), "--map-public-ip-on-launch"))));
            } else if (!s.role().publicFacing() && on) {
                out.add(Finding.warning(ID, s.id(), "the " + s.role().words() + " gives instances public IPs (MapPublicIpOnLaunch on)",
                        "private subnets should not: instances launched here outside kOps get a public address, and it hides a wrong route",
                        "turn it off:", List.of(c.aws().ec2("modify-subnet-attribute", "--subnet-id", s.id(), "--no-map-public-ip-on-launch"))));
            }
        }
        return out;
    }
}
