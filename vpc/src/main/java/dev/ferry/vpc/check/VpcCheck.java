package dev.ferry.vpc.check;

import dev.ferry.aws.AwsRegion;
import dev.ferry.vpc.model.VpcSnapshot;
import dev.ferry.vpc.read.VpcReader;
import dev.ferry.vpc.route.Routing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        // one NAT gateway behind several subnets is one finding, not one per subnet
        Map<List<Object>, Finding> findings = new LinkedHashMap<>();
        for (Check c : CHECKS) {
            c.check(context).forEach(f -> findings.putIfAbsent(List.of(f.severity(), f.check(), f.subject(), f.message()), f));
        }
        List<Finding> sorted = new ArrayList<>(findings.values());
        sorted.sort(Comparator.comparing(Finding::severity));
        return new CheckReport(snapshot, layout, sorted, CapacityPlan.of(layout, request));
    }
}
