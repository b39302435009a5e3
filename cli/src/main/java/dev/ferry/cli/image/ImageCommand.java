package dev.ferry.cli.image;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ferry image}. */
@Command(name = "image",
        mixinStandardHelpOptions = true,
        header = "Bake node AMIs on a private-IP builder; move AMIs between regions and partitions.",
        description = {
            "build bakes on a builder with no public IP; copy moves an AMI inside a",
            "partition; store and restore carry it across partitions (into AWS China).",
            "",
            "Example:",
            "  ferry image build --config image.yaml --dry-run"})
public final class ImageCommand implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose an image command; see ferry image --help");
    }
}
