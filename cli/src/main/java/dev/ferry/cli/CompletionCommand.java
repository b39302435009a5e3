package dev.ferry.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code ferry completion bash|zsh}: the shell completion script, from picocli's own generator. */
@Command(name = "completion",
        header = "Print the shell completion script for bash or zsh.",
        mixinStandardHelpOptions = true,
        description = {
            "Print a completion script for ferry's commands and flags.",
            "zsh runs it through bashcompinit, which the script loads itself.",
            "",
            "Examples:",
            "  source <(ferry completion bash)",
            "  ferry completion bash > /etc/bash_completion.d/ferry",
            "  echo 'source <(ferry completion zsh)' >> ~/.zshrc"})
public final class CompletionCommand implements Callable<Integer> {

    /** The shells the generated script supports. */
    enum Shell { bash, zsh }

    @Parameters(index = "0", paramLabel = "SHELL", description = "bash or zsh.")
    Shell shell;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        CommandLine root = spec.root().commandLine();
        spec.commandLine().getOut().print(AutoComplete.bash("ferry", root));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
