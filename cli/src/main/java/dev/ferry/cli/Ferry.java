package dev.ferry.cli;

import dev.ferry.error.FerryException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ferry} command: one CLI over the mirror, image, bootstrap and vpc jobs. */
@Command(name = "ferry",
        header = "Carry what a Kubernetes cluster needs into regions that cannot reach upstream.",
        mixinStandardHelpOptions = true,
        versionProvider = FerryVersion.class,
        description = {
            "AWS China, isolated VPCs, air-gapped sites: mirror kOps release files,",
            "bake node AMIs on private-IP builders, render node user-data, check an",
            "existing VPC before kOps builds into it.",
            "",
            "Example:",
            "  ferry mirror plan --kops 1.30.4 --kubernetes 1.30.0 --lock-file ferry.lock",
            "  ferry mirror sync --lock ferry.lock --to s3://my-bucket/kops \\",
            "      --region cn-north-1"},
        exitCodeOnInvalidInput = FerryException.BAD_USAGE,
        exitCodeOnExecutionException = FerryException.FAILED)
public final class Ferry implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The process environment the commands read (HTTPS_PROXY, NO_PROXY, XDG_CACHE_HOME…); tests give their own. */
    private final Map<String, String> environment;

    private Ferry(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The environment of the run a command belongs to. */
    public static Map<String, String> environment(CommandLine.Model.CommandSpec command) {
        return command.root().userObject() instanceof Ferry f ? f.environment : System.getenv();
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: mirror, image, bootstrap or vpc");
    }

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the CLI with the given streams; used by main and by the end-to-end tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, System.getenv());
    }

    /** Runs the CLI as if {@code environment} were the process environment. */
    public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        return commandLine(List.of(args), out, err, environment).execute(args);
    }

    /** The commands {@code args} name (all of them where they name none), ready to execute {@code args}. */
    static CommandLine commandLine(List<String> args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
        CommandLine cli = new CommandLine(new Ferry(environment));
        CommandTree.addFor(cli, CommandTree.FERRY, args, 0);
        return configure(cli, out, err);
    }

    /** Every command (the help tests, completion). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Ferry(System.getenv()));
        CommandTree.addAll(cli, CommandTree.FERRY);
        return configure(cli, out, err);
    }

    /** The settings every command shares; picocli gives them to the commands already added, so they come last. */
    private static CommandLine configure(CommandLine cli, PrintWriter out, PrintWriter err) {
        cli.setOut(out);
        cli.setErr(err);
        cli.setCaseInsensitiveEnumValuesAllowed(true);
        Converters.register(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> ErrorReport.print(e, commandLine.getErr()));
        cli.setParameterExceptionHandler((e, args) -> {
            PrintWriter w = e.getCommandLine().getErr();
            // picocli starts some of its messages (mutually exclusive flags) with its own "Error: "
            w.println("error: " + e.getMessage().replaceFirst("^Error: ", ""));
            if (e instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                w.println("  did you mean: " + String.join(", ", u.getSuggestions()));
            }
            w.println("  see: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            w.flush();
            return FerryException.BAD_USAGE;
        });
        return cli;
    }

}
