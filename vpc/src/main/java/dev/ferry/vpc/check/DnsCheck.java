package dev.ferry.vpc.check;

import dev.ferry.vpc.model.Vpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The VPC itself: DNS support and hostnames, its state, and whether it is tagged as owned by the cluster. */
final class DnsCheck implements Check {
    static final String ID = "dns";

    @Override
    public List<Finding> check(CheckContext c) {
        Vpc vpc = c.vpc().vpc();
        List<Finding> out = new ArrayList<>();
        if (!vpc.dnsSupport()) {
            out.add(Finding.error(ID, vpc.id(), "enableDnsSupport is off: the Amazon DNS server does not answer in this VPC",
                    "nodes resolve the EC2, S3 and mirror endpoints and each other through it; enableDnsHostnames has no effect without it",
                    "turn it on (it changes name resolution only, nothing else in the VPC):",
                    List.of(c.aws().ec2("modify-vpc-attribute", "--vpc-id", vpc.id(), "--enable-dns-support", "{\"Value\":true}"))));
        }
        if (!vpc.dnsHostnames()) {
            out.add(Finding.error(ID, vpc.id(), "enableDnsHostnames is off",
                    "kOps requires it: nodes register under their EC2 private DNS names (ip-10-0-1-7." + c.vpc().region()
                            + ".compute.internal); kOps detects it is off and refuses to change a VPC it does not own",
                    "turn it on yourself (existing instances keep working; they get DNS names):",
                    List.of(c.aws().ec2("modify-vpc-attribute", "--vpc-id", vpc.id(), "--enable-dns-hostnames", "{\"Value\":true}"))));
        }
        if (!vpc.state().isEmpty() && !vpc.state().equals("available")) {
            out.add(Finding.warning(ID, vpc.id(), "the VPC is " + vpc.state() + ", not available", "kOps can build only into an available VPC",
                    "wait until it is available and run the check again", List.of()));
        }
        c.request().cluster().ifPresent(name -> {
            if ("owned".equals(vpc.tags().get("kubernetes.io/cluster/" + name))) {
                out.add(Finding.warning(ID, vpc.id(), "the VPC is tagged kubernetes.io/cluster/" + name + "=owned",
                        "kops delete cluster deletes the resources a cluster owns; a VPC shared with other workloads must be 'shared' (kOps adds that itself)",
                        "mark it shared:", List.of(c.aws().createTags(vpc.id(), Map.of("kubernetes.io/cluster/" + name, "shared")))));
            }
        });
        return out;
    }
}
