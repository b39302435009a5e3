package dev.ferry.cli.mirror;

import dev.ferry.mirror.lock.Lock;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** "{@code --lock FILE}, or the plan flags": the lock that sync, env and pack work from, read from a file or planned on the spot. */
public final class LockInput {

    @Option(names = "--lock", paramLabel = "FILE", description = "The lock to work from (from ferry mirror plan --lock-file ferry.lock); or give the plan flags instead.")
    Path file;

    @Mixin
    PlanOptions plan;

    /** The file given with {@code --lock}. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** The plan flags: what to mirror, and where to download it from first. */
    public PlanOptions plan() {
        return plan;
    }

    /** The lock read from {@code --lock}, or planned from the flags (see {@link PlanOptions#lockOr}). */
    public Lock read() {
        return plan.lockOr(file());
    }
}
