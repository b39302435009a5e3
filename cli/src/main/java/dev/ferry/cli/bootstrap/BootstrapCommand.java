package dev.ferry.cli.bootstrap;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry bootstrap}. */
@Command(name = "bootstrap",
        mixinStandardHelpOptions = true,
        description = {"Render node user-data that installs from the mirror, and compute kubelet max-pods for the Amazon VPC CNI."},
        subcommands = {})
public final class BootstrapCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a bootstrap command; see ferry bootstrap --help");
    }
}
