package dev.ferry.cli;

import dev.ferry.cli.bootstrap.BootstrapCommand;
import dev.ferry.cli.image.ImageCommand;
import dev.ferry.cli.mirror.MirrorCommand;
import dev.ferry.cli.vpc.VpcCommand;
import dev.ferry.error.FerryException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command: one CLI over the mirror, image, bootstrap and vpc jobs. */
@Command(name = "ferry",
        mixinStandardHelpOptions = true,
        versionProvider = FerryVersion.class,
        description = {
            "Carries what a Kubernetes cluster needs into regions that cannot reach",
            "the upstream internet: AWS China, isolated VPCs, air-gapped sites.",
            "",
            "Example:",
            "  ferry mirror plan --kops 1.30.4 --kubernetes 1.30.0 -o ferry.lock",
            "  ferry mirror sync --lock ferry.lock --to s3://my-bucket/kops \\",
            "      --region cn-north-1"},
        subcommands = {MirrorCommand.class, ImageCommand.class, BootstrapCommand.class, VpcCommand.class, CommandLine.HelpCommand.class},
        exitCodeOnInvalidInput = FerryException.BAD_USAGE,
        exitCodeOnExecutionException = FerryException.FAILED)
public final class Ferry implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: mirror, image, bootstrap or vpc");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; used by main and by the end-to-end tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = commandLine(out, err);
        return cli.execute(args);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Ferry());
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, commandLine.getErr()));
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter w = e.getCommandLine().getErr();
            w.println("error: " + e.getMessage());
            w.println("  see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            w.flush();
            return FerryException.BAD_USAGE;
        });
        return cli;
    }

    /** Prints what failed and what to do; never a stack trace for a known failure. */
    static int report(Exception e, PrintWriter err) {
        Throwable t = e;
        if (t instanceof CommandLine.ExecutionException && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof FerryException fe) {
            err.println("error: " + fe.getMessage());
            fe.hint().ifPresent(h -> err.println("  what to do: " + h));
            err.flush();
            return fe.exitCode();
        }
        err.println("error: unexpected " + t.getClass().getSimpleName() + ": " + t.getMessage());
        err.println("  this is a bug in Ferry; the stack trace follows");
        t.printStackTrace(err);
        err.flush();
        return FerryException.FAILED;
    }
}
