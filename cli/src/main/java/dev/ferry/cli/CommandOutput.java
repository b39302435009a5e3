package dev.ferry.cli;

import dev.ferry.format.Json;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Where a command's output goes: its result on stdout, progress and summaries on stderr. The base of the output-format mixins. */
public abstract class CommandOutput {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    /** The command's stdout: its result. */
    public PrintWriter out() {
        return command.commandLine().getOut();
    }

    /** The command's stderr: progress, summaries, notes. */
    public PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** The command this option belongs to. */
    public CommandSpec command() {
        return command;
    }

    /** Prints {@code value} as one JSON document on stdout. */
    public void printJson(Object value) {
        out().println(Json.write(value));
        out().flush();
    }
}
