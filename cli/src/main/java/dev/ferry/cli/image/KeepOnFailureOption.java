package dev.ferry.cli.image;

import picocli.CommandLine.Option;

/** {@code --keep-on-failure}: build and restore leave a half-made AMI in place for inspection. */
public final class KeepOnFailureOption {

    @Option(names = "--keep-on-failure", description = "On failure keep the half-made AMI and its snapshots for inspection instead of deregistering them.")
    boolean keep;

    boolean value() {
        return keep;
    }
}
