package dev.ferry.cli;

import dev.ferry.error.FerryException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * The output format of a command that writes a file (plan, pack, render, eniconfig), where {@code -o FILE} once
 * named that file. {@code -o text|json} is the format, as everywhere else; any other {@code -o} value still names
 * the file, with a note to use the file's own flag, so scripts written for the old spelling keep working.
 */
public class FileOutputOption extends CommandOutput {

    @Option(names = "--output", paramLabel = "FORMAT", description = "text (default) or json; -o FORMAT is the same.")
    String value;

    @Option(names = "-o", hidden = true, paramLabel = "FORMAT")
    String dashO;

    public OutputFormat format() {
        if (dashO != null && OutputFormat.named(dashO).isPresent()) {
            OutputFormat f = OutputOption.parse(dashO);
            if (value != null && OutputOption.parse(value) != f) {
                throw FerryException.badInput("-o " + dashO + " and --output " + value + " disagree", "give the output format once");
            }
            return f;
        }
        return value == null ? OutputFormat.TEXT : OutputOption.parse(value);
    }

    public boolean json() {
        return format() == OutputFormat.JSON;
    }

    /** The file an old {@code -o FILE} named (with a deprecation note naming {@code flag}, the file's own flag), else {@code file}. */
    public Path fileOr(String flag, Path file) {
        return deprecatedFile(flag, err()).orElse(file);
    }

    /** The file an old {@code -o FILE} named; {@code flag} is the file's own flag, named in the deprecation note. */
    public Optional<Path> deprecatedFile(String flag, PrintWriter err) {
        if (dashO == null || OutputFormat.named(dashO).isPresent()) {
            return Optional.empty();
        }
        err.println("note: -o FILE is deprecated here; write " + flag + " " + dashO + " (-o names the output format: text or json)");
        err.flush();
        return Optional.of(Path.of(dashO));
    }
}
