package dev.ferry.cli.bootstrap;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry bootstrap}. */
@Command(name = "bootstrap",
        header = "Render node user-data from the mirror, compute max-pods, render ENIConfigs.",
        mixinStandardHelpOptions = true,
        description = {
            "Node user-data that installs from the mirror, kubelet max-pods for the",
            "Amazon VPC CNI, and ENIConfigs for custom networking.",
            "",
            "Examples:",
            "  ferry bootstrap max-pods --instance-type m5.large --region cn-north-1",
            "  ferry bootstrap render --lock ferry.lock \\",
            "      --mirror https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops \\",
            "      --instance-type m5.large --output-file user-data.sh",
            "  ferry bootstrap eniconfig --subnet cn-north-1a=subnet-0123456789abcdef0 \\",
            "      --security-group sg-0123456789abcdef0"})
public final class BootstrapCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a bootstrap command; see ferry bootstrap --help");
    }
}
