package dev.ferry.cli.image;

import dev.ferry.cli.TerminalProgress;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Waiter;
import dev.ferry.progress.Progress;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** What copy, store and restore share: how they reach EC2, how long they wait for it, and their progress on stderr. */
public final class Ec2JobOptions {

    @Mixin
    Ec2Options ec2;

    @Mixin
    WaitOptions waits;

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    Ec2Clients clients() {
        return ec2.clients();
    }

    Waiter waiter() {
        return waits.waiter();
    }

    /** How long to wait: {@code --timeout}, else {@code fallback}. */
    Duration timeout(Duration fallback) {
        return waits.timeout(fallback);
    }

    /** The job's progress tree, its lines on stderr with the time since the start. */
    Progress progress(String job) {
        return Progress.root(job, TerminalProgress.steps(command.commandLine().getErr()));
    }
}
