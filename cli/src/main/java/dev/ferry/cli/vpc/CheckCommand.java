package dev.ferry.cli.vpc;

import dev.ferry.aws.AwsRegion;
import dev.ferry.cli.OutputOption;
import dev.ferry.cli.image.Ec2Options;
import dev.ferry.error.FerryException;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.vpc.check.CheckReport;
import dev.ferry.vpc.check.CheckRequest;
import dev.ferry.vpc.check.Topology;
import dev.ferry.vpc.check.VpcCheck;
import dev.ferry.vpc.net.Ipv4Cidr;
import dev.ferry.vpc.read.VpcReader;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry vpc check}: will this existing VPC host the cluster? */
@Command(name = "check",
        header = "Check an existing VPC for kOps and the Amazon VPC CNI (reads EC2 only).",
        mixinStandardHelpOptions = true,
        description = {
            "Read the VPC, its subnets, route tables, NAT and internet gateways and the",
            "region's zones (Describe* calls only: nothing is changed), and check what",
            "kOps and the Amazon VPC CNI need: DNS hostnames, egress of private subnets,",
            "internet routes of public ones, tags, CIDR blocks, pod subnets (custom",
            "networking) and free addresses for the nodes planned. Each finding says why",
            "it matters and how to fix it, with the aws ec2 command where there is one.",
            "Exit 0: no errors; 1: errors found; 2: bad usage. See docs/existing-vpc.md.",
            "",
            "Examples:",
            "  ferry vpc check --vpc vpc-0123456789abcdef0 --region cn-north-1 \\",
            "      --cluster k8s.example.cn \\",
            "      --subnets subnet-0aa…,subnet-0bb… \\",
            "      --utility-subnets subnet-0ca…,subnet-0cb… \\",
            "      --pod-subnets subnet-0da…,subnet-0db… \\",
            "      --nodes 12 --instance-type m5.large",
            "  ferry vpc check … --emit kops > vpc-spec.yaml   (for kops edit cluster)",
            "  ferry vpc check … --emit eniconfig | kubectl apply -f -"})
public final class CheckCommand implements Callable<Integer> {

    @Option(names = "--vpc", required = true, paramLabel = "VPC", description = "The existing VPC, e.g. vpc-0123456789abcdef0.")
    String vpc;

    @Option(names = "--cluster", paramLabel = "NAME", description = "The kOps cluster name: checks each subnet's cluster tag (kubernetes.io/cluster/NAME).")
    String cluster;

    @Option(names = "--subnets", split = ",", paramLabel = "SUBNET", description = "Node subnets, as given to kops create cluster --subnets.")
    List<String> subnets = new ArrayList<>();

    @Option(names = "--utility-subnets", split = ",", paramLabel = "SUBNET", description = "Utility (public) subnets of a private topology.")
    List<String> utilitySubnets = new ArrayList<>();

    @Option(names = "--pod-subnets", split = ",", paramLabel = "SUBNET",
            description = "Pod subnets for VPC CNI custom networking (ENIConfig), one per zone nodes run in.")
    List<String> podSubnets = new ArrayList<>();

    @Option(names = "--topology", paramLabel = "TOPOLOGY",
            description = "public or private (default: private with --utility-subnets, else what the subnets' routes say).")
    Topology topology;

    @Option(names = "--new-subnet-cidrs", split = ",", paramLabel = "CIDR", description = "CIDRs planned for new subnets: must fit the VPC and overlap nothing.")
    List<String> newSubnetCidrs = new ArrayList<>();

    @Mixin
    CapacityOptions capacity;

    @Option(names = "--disable-subnet-tags", description = "kOps will run with --disable-subnet-tags: missing tags become warnings.")
    boolean disableSubnetTags;

    @Option(names = "--emit", paramLabel = "WHAT", description = "Print kops (the spec fragment) or eniconfig (ENIConfigs) on stdout; the findings go to stderr.")
    String emit;

    @Option(names = "--security-group", split = ",", paramLabel = "SG", description = "With --emit eniconfig: security groups for pod ENIs.")
    List<String> securityGroups = new ArrayList<>();

    @Option(names = "--region", paramLabel = "REGION", description = "The VPC's region (default: AWS_REGION / the AWS profile), e.g. cn-north-1.")
    AwsRegion region;

    @Mixin
    OutputOption output;

    @Mixin
    Ec2Options ec2;

    @Override
    public Integer call() {
        Emit emits = Emit.parse(emit);
        if (emits != Emit.NONE && output.json()) {
            throw FerryException.badInput("give --emit or --output json, not both", "the JSON already holds the kOps spec fragment");
        }
        if (emits == Emit.ENICONFIG && podSubnets.isEmpty()) {
            throw FerryException.badInput("--emit eniconfig needs --pod-subnets",
                    "give the pod subnets with --pod-subnets (subnets of the VPC, one per zone nodes run in)");
        }
        if (!securityGroups.isEmpty() && emits != Emit.ENICONFIG) {
            throw FerryException.badInput("--security-group goes with --emit eniconfig", "it sets the ENIConfigs' securityGroups");
        }
        capacity.check();
        AwsRegion r = region != null ? region : AwsRegion.fromEnvironment().orElseThrow(() ->
                FerryException.badInput("no region given", "give --region cn-north-1 (or set AWS_REGION)"));
        PrintWriter out = output.out();
        PrintWriter err = output.err();
        CheckReport report;
        String endpoint;
        try (Ec2Clients clients = ec2.clients()) {
            var client = clients.region(r.name()).client();
            endpoint = VpcReader.endpoint(client, r);
            CheckRequest request = new CheckRequest(vpc, Optional.ofNullable(cluster), subnets, utilitySubnets, podSubnets,
                    newSubnetCidrs.stream().map(c -> Ipv4Cidr.parse(c, "--new-subnet-cidrs")).toList(), Optional.ofNullable(topology),
                    capacity.capacity(client, r),
                    disableSubnetTags, VpcAdvice.FLAGS);
            err.println("reading " + vpc + " in " + r + " from " + endpoint + " (Describe* calls only)");
            report = VpcCheck.run(client, r, request, line -> err.println("  " + line));
        }
        if (output.json()) {
            output.printJson(ReportJson.of(report, endpoint));
        } else {
            new ReportText(report, emits == Emit.NONE ? out : err).print();
            emits.write(report, securityGroups, capacity.prefixDelegation(), out, err);
        }
        out.flush();
        err.flush();
        return report.passed() ? 0 : FerryException.FAILED;
    }
}
