package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.maxpods.InstanceTypeSource;
import dev.ferry.bootstrap.maxpods.MaxPods;
import dev.ferry.bootstrap.maxpods.MaxPodsCalculator;
import dev.ferry.cli.OutputOption;
import dev.ferry.cli.Table;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry bootstrap max-pods}: kubelet max-pods for the Amazon VPC CNI. */
@Command(name = "max-pods",
        header = "Compute kubelet --max-pods for the Amazon VPC CNI from the instance type.",
        mixinStandardHelpOptions = true,
        description = {
            "Compute kubelet --max-pods for the Amazon VPC CNI from the instance type:",
            "  ENIs x (IPv4 per ENI - 1) + 2           default networking",
            "  ENIs - 1 instead of ENIs                custom networking (ENIConfig)",
            "  x 16 addresses per slot                 prefix delegation (Nitro, bare metal)",
            "capped at 110 up to 30 vCPUs and 250 above; the uncapped value is shown too.",
            "Limits come from the table Ferry carries (the Amazon VPC CNI's own), from",
            "EC2 DescribeInstanceTypes with --region (cached on disk), or from a file.",
            "",
            "Examples:",
            "  ferry bootstrap max-pods --instance-type m5.large",
            "  ferry bootstrap max-pods --instance-type m5.large --region cn-north-1",
            "  ferry bootstrap max-pods --instance-type m5.large,c5.4xlarge \\",
            "      --custom-networking --region cn-northwest-1",
            "  aws ec2 describe-instance-types --output json > types.json",
            "  ferry bootstrap max-pods --instance-type t3.medium \\",
            "      --instance-types-file types.json --output json"})
public final class MaxPodsCommand implements Callable<Integer> {

    @Option(names = "--instance-type", required = true, split = ",", paramLabel = "TYPE", description = "EC2 instance type(s), e.g. m5.large.")
    List<String> instanceTypes;

    @Mixin
    PodNetworkingOptions networking;

    @Mixin
    InstanceTypeOptions limits;

    @Mixin
    OutputOption output;

    @Override
    public Integer call() {
        InstanceTypeSource source = limits.source();
        List<MaxPods> results = new ArrayList<>();
        for (String type : new LinkedHashSet<>(instanceTypes)) {
            results.add(MaxPodsCalculator.compute(source.require(type.trim()), networking.networking(), networking.applyCap()));
        }
        if (output.json()) {
            // one type, one object; a list given, a list back (even if it named one type twice)
            output.printJson(instanceTypes.size() == 1 ? MaxPodsView.json(results.get(0)) : results.stream().map(MaxPodsView::json).toList());
            return 0;
        }
        PrintWriter out = output.out();
        Table table = new Table("INSTANCE TYPE", "MAX PODS", "UNCAPPED", "ENIS", "IPV4/ENI", "VCPUS", "MODE");
        for (MaxPods m : results) {
            table.row(m.instanceType(), String.valueOf(m.maxPods()), String.valueOf(m.uncapped()), String.valueOf(m.enis()),
                    String.valueOf(m.ipv4PerEni()), String.valueOf(m.vcpus()), m.networking().mode());
        }
        table.print(out);
        for (MaxPods m : results) {
            out.println();
            out.println(MaxPodsView.explain(m));
            for (String n : m.notes()) {
                out.println("note: " + n);
            }
        }
        out.println();
        out.println("Limits from " + source.describe() + ". Give kubelet --max-pods " + results.get(0).maxPods()
                + (results.size() > 1 ? " (first type)" : "") + ", or let `ferry bootstrap render --instance-type` set it.");
        out.flush();
        return 0;
    }
}
