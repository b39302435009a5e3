package dev.ferry.cli.image;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry image}. */
@Command(name = "image",
        mixinStandardHelpOptions = true,
        description = {"Bake node AMIs on a private-IP builder, and move AMIs between regions and partitions."},
        subcommands = {BuildCommand.class, CopyCommand.class, StoreCommand.class, RestoreCommand.class})
public final class ImageCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a image command; see ferry image --help");
    }
}
