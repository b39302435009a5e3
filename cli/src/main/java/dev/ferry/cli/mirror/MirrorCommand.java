package dev.ferry.cli.mirror;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry mirror}: plan, publish, verify and carry a Kubernetes asset mirror. */
@Command(name = "mirror",
        header = "Plan, publish, verify and carry a mirror of kOps release files.",
        mixinStandardHelpOptions = true,
        description = {
            "Kubernetes, kOps, containerd, runc and CNI release assets, verified,",
            "with the .sha256 sidecars kOps reads.",
            "",
            "Example:",
            "  ferry mirror plan --kops 1.30.4 --kubernetes 1.30.0 --lock-file ferry.lock"})
public final class MirrorCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a mirror command; see ferry mirror --help");
    }
}
