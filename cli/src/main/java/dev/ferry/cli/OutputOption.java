package dev.ferry.cli;

import picocli.CommandLine.Option;

/**
 * {@code -o, --output FORMAT}: text for people (the default) or json for pipelines, as kubectl and kops read {@code -o};
 * and where the command's result goes (stdout, stderr).
 */
public class OutputOption extends CommandOutput {

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default) or json.")
    OutputFormat value = OutputFormat.TEXT;

    /** The format asked for: text or json. */
    public OutputFormat format() {
        return parse(value.id());
    }

    public boolean json() {
        return format() == OutputFormat.JSON;
    }

    static OutputFormat parse(String value) {
        return OutputFormat.named(value).filter(f -> f != OutputFormat.SHELL).orElseThrow(() -> OutputFormat.unknown(value, "text or json"));
    }
}
