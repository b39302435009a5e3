package dev.ferry.vpc.check;

import dev.ferry.vpc.model.CidrBlock;
import dev.ferry.vpc.model.Subnet;
import dev.ferry.vpc.net.Ipv4Cidr;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every cluster subnet lies in an associated CIDR block of the VPC (kOps's networkCIDR or one of its
 * additionalNetworkCIDRs); blocks still associating are not usable; planned CIDRs fit and overlap nothing.
 */
final class CidrCheck implements Check {
    static final String ID = "cidr";
    /** EC2 takes subnets from /16 to /28. */
    private static final int LARGEST_SUBNET = 16;
    private static final int SMALLEST_SUBNET = 28;

    @Override
    public List<Finding> check(CheckContext c) {
        List<Finding> out = new ArrayList<>();
        for (ClusterSubnet s : c.layout().subnets()) {
            block(c, s).ifPresent(out::add);
        }
        for (CidrBlock b : c.vpc().vpc().cidrBlocks()) {
            if (!b.associated() && c.layout().subnets().stream().noneMatch(s -> b.cidr().contains(s.subnet().cidr()))) {
                out.add(Finding.note(ID, b.cidr().toString(), "the VPC's CIDR block " + b.cidr() + " is " + b.state(),
                        "only associated blocks carry traffic; it is left out of additionalNetworkCIDRs"));
            }
        }
        out.addAll(planned(c));
        return out;
    }

    private static Optional<Finding> block(CheckContext c, ClusterSubnet s) {
        Ipv4Cidr cidr = s.subnet().cidr();
        Optional<CidrBlock> block = c.vpc().vpc().blockHolding(cidr);
        String blocks = String.join(", ", c.vpc().vpc().cidrBlocks().stream().map(b -> b.cidr() + " (" + b.state() + ")").toList());
        if (block.isEmpty()) {
            return Optional.of(Finding.error(ID, s.id(), "the " + s.role().words() + " " + cidr + " is outside every CIDR block of "
                    + c.vpcId() + ": " + blocks,
                    "kOps refuses a subnet that is not inside networkCIDR or one of the additionalNetworkCIDRs, and EC2 routes only the VPC's blocks",
                    "use a subnet inside the VPC's blocks, or associate a block that holds it (aws ec2 associate-vpc-cidr-block)", List.of()));
        }
        if (!block.get().associated()) {
            String why = s.role() == Role.POD
                    ? "pods get their addresses from this subnet (custom networking); until the block is associated the VPC has no local route"
                            + " for it and pod traffic goes nowhere"
                    : "until the block is associated the VPC has no local route for it, and kOps reads only associated blocks";
            return Optional.of(Finding.error(ID, s.id(), "the " + s.role().words() + " " + cidr + " is in the block " + block.get().cidr()
                    + ", which is " + block.get().state() + ", not associated", why,
                    "wait until the block is associated (a failed association must be made again), then run the check again:",
                    List.of(c.aws().ec2("describe-vpcs", "--vpc-ids", c.vpcId(), "--query",
                            "Vpcs[].CidrBlockAssociationSet[].[CidrBlock,CidrBlockState.State]", "--output", "table"))));
        }
        return Optional.empty();
    }

    private static List<Finding> planned(CheckContext c) {
        List<Finding> out = new ArrayList<>();
        List<Ipv4Cidr> plans = c.request().newSubnetCidrs();
        for (int i = 0; i < plans.size(); i++) {
            Ipv4Cidr plan = plans.get(i);
            String subject = plan.toString();
            if (plan.prefix() < LARGEST_SUBNET || plan.prefix() > SMALLEST_SUBNET) {
                out.add(Finding.error(ID, subject, "a subnet of /" + plan.prefix() + " is not possible", "EC2 subnets are /16 to /28",
                        "plan a CIDR between /16 and /28", List.of()));
            }
            Optional<CidrBlock> block = c.vpc().vpc().blockHolding(plan);
            if (block.isEmpty() || !block.get().associated()) {
                out.add(Finding.error(ID, subject, "the planned subnet " + plan + " is not inside an associated CIDR block of " + c.vpcId(),
                        "EC2 creates subnets only inside the VPC's associated blocks, and kOps refuses subnets outside networkCIDR and additionalNetworkCIDRs",
                        "plan it inside " + String.join(" or ", c.vpc().vpc().cidrBlocks().stream().filter(CidrBlock::associated)
                                .map(b -> b.cidr().toString()).toList()), List.of()));
            }
            for (Subnet s : c.vpc().subnets()) {
                if (s.cidr().overlaps(plan)) {
                    out.add(Finding.error(ID, subject, "the planned subnet " + plan + " overlaps " + s.id() + " (" + s.cidr()
                            + s.name().map(n -> ", " + n).orElse("") + ")", "subnets of a VPC cannot overlap; EC2 refuses to create it",
                            "plan a free range", List.of()));
                }
            }
            for (int j = 0; j < i; j++) {
                if (plans.get(j).overlaps(plan)) {
                    out.add(Finding.error(ID, subject, "the planned subnets " + plans.get(j) + " and " + plan + " overlap",
                            "subnets of a VPC cannot overlap", "plan ranges that do not overlap", List.of()));
                }
            }
        }
        return out;
    }
}
