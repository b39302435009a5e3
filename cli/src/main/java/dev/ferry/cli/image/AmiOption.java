package dev.ferry.cli.image;

import picocli.CommandLine.Option;

/** {@code --ami AMI}: the AMI that copy and store move. */
public final class AmiOption {

    @Option(names = "--ami", required = true, paramLabel = "AMI", description = "The AMI to ${COMMAND-NAME}, e.g. ami-0123456789abcdef0.")
    AmiId ami;

    String id() {
        return ami.id();
    }
}
