package dev.ferry.cli;

import picocli.CommandLine.Option;

/** {@code -v, --verbose}: every failure with its whole reason, besides the one line per cause. */
public final class VerboseOption {

    @Option(names = {"-v", "--verbose"}, description = "Also list every failure with its whole reason (they are grouped by cause otherwise).")
    boolean verbose;

    public boolean value() {
        return verbose;
    }
}
