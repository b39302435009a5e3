package dev.ferry.cli.vpc;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry vpc}. */
@Command(name = "vpc",
        header = "Check an existing VPC before kOps and the Amazon VPC CNI use it.",
        mixinStandardHelpOptions = true,
        description = {"Check an existing (shared) VPC the way kOps and the Amazon VPC CNI will use",
            "it, reading EC2 only, and print the kOps spec fragment and ENIConfigs that fit.",
            "",
            "Example:",
            "  ferry vpc check --vpc vpc-0123456789abcdef0 --region cn-north-1 \\",
            "      --cluster k8s.example.cn --subnets subnet-0aa…,subnet-0bb… \\",
            "      --utility-subnets subnet-0ca…,subnet-0cb…"})
public final class VpcCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a vpc command; see ferry vpc --help");
    }
}
