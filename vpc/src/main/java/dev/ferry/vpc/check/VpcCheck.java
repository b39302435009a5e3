package dev.ferry.vpc.check;

import dev.ferry.aws.AwsRegion;
import dev.ferry.vpc.model.VpcSnapshot;
import dev.ferry.vpc.read.VpcReader;
import dev.ferry.vpc.route.Routing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * Will this existing VPC host the cluster? Reads the VPC with Describe* calls only, then checks it the way kOps and
 * the Amazon VPC CNI will use it: DNS, subnets, CIDR blocks, egress, public IPs, tags, custom networking, free addresses.
 */
public final class VpcCheck {
    private static final List<Check> CHECKS = List.of(new DnsCheck(), new SubnetCheck(), new CidrCheck(), new EgressCheck(),
            new PublicIpCheck(), new TagCheck(), new CustomNetworkingCheck(), new CapacityCheck());

    private VpcCheck() {}

    /** Reads and checks; {@code progress} hears one line per EC2 read. */
    public static CheckReport run(Ec2Client ec2, AwsRegion region, CheckRequest request, Consumer<String> progress) {
        VpcSnapshot snapshot = new VpcReader(ec2, region, progress).read(request.vpcId(), request.namedSubnets());
        return evaluate(snapshot, request);
    }

    /** Checks what was read; calls nothing. */
    public static CheckReport evaluate(VpcSnapshot snapshot, CheckRequest request) {
        Routing routing = new Routing(snapshot);
        ClusterLayout layout = ClusterLayout.of(snapshot, request, routing);
        CheckContext context = new CheckContext(snapshot, request, layout, routing, new AwsCli(snapshot.region()));
        List<Finding> findings = new ArrayList<>();
        for (Check c : CHECKS) {
            findings.addAll(c.check(context));
        }
        findings.sort(Comparator.comparing(Finding::severity));
        return new CheckReport(snapshot, layout, findings, CapacityPlan.of(layout, request));
    }
}
