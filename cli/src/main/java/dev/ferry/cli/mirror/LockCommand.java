package dev.ferry.cli.mirror;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry mirror lock}: pin a lock's hashes, and check the ones it pins. */
@Command(name = "lock",
        header = "Pin the hashes a lock leaves to upstream sidecars, and check the ones it pins.",
        mixinStandardHelpOptions = true,
        description = {
            "A pinned hash (sha256 in the lock) is what every sync, pack and push checks",
            "the bytes against; an unpinned one is read from the upstream sidecar at",
            "download time, so it is only as good as that sidecar on that day.",
            "",
            "Examples:",
            "  ferry mirror lock pin ferry.lock",
            "  ferry mirror lock verify ferry.lock --online"})
public final class LockCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose pin or verify; see ferry mirror lock --help");
    }
}
