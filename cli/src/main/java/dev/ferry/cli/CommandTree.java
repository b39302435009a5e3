package dev.ferry.cli;

import dev.ferry.cli.bootstrap.BootstrapCommand;
import dev.ferry.cli.bootstrap.EniConfigCommand;
import dev.ferry.cli.bootstrap.MaxPodsCommand;
import dev.ferry.cli.bootstrap.RenderCommand;
import dev.ferry.cli.image.BuildCommand;
import dev.ferry.cli.image.CopyCommand;
import dev.ferry.cli.image.ImageCommand;
import dev.ferry.cli.image.RestoreCommand;
import dev.ferry.cli.image.StoreCommand;
import dev.ferry.cli.mirror.EnvCommand;
import dev.ferry.cli.mirror.InspectCommand;
import dev.ferry.cli.mirror.LockCommand;
import dev.ferry.cli.mirror.LockPinCommand;
import dev.ferry.cli.mirror.LockVerifyCommand;
import dev.ferry.cli.mirror.MirrorCommand;
import dev.ferry.cli.mirror.PackCommand;
import dev.ferry.cli.mirror.PlanCommand;
import dev.ferry.cli.mirror.PushCommand;
import dev.ferry.cli.mirror.ServeCommand;
import dev.ferry.cli.mirror.SyncCommand;
import dev.ferry.cli.mirror.VerifyCommand;
import dev.ferry.cli.vpc.CheckCommand;
import dev.ferry.cli.vpc.VpcCommand;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Ferry's commands below {@code ferry}, as data: a group and the commands in it. Picocli reads every option
 * and mixin of a command when the command is added, which for all of Ferry's commands is about a quarter of a
 * second of CPU, most of a no-op re-sync. So a run adds only the commands its arguments name
 * ({@code ferry mirror sync …} builds {@code mirror} with {@code sync} in it), and the whole tree where they
 * name none at some level (help, a typo, which picocli answers with the commands there are) or name
 * {@code help} or {@code completion}, which read the whole tree.
 *
 * @param command  the command's class (its name and aliases are in its {@code @Command})
 * @param children the commands in this group; empty for a command that runs
 */
record CommandTree(Class<?> command, List<CommandTree> children) {
    CommandTree {
        children = List.copyOf(children);
    }

    /** Every command below {@code ferry}. */
    static final List<CommandTree> FERRY = List.of(
            group(MirrorCommand.class, leaf(PlanCommand.class), leaf(SyncCommand.class), leaf(VerifyCommand.class), leaf(EnvCommand.class),
                    leaf(ServeCommand.class), leaf(PackCommand.class), leaf(PushCommand.class), leaf(InspectCommand.class),
                    group(LockCommand.class, leaf(LockPinCommand.class), leaf(LockVerifyCommand.class))),
            group(ImageCommand.class, leaf(BuildCommand.class), leaf(CopyCommand.class), leaf(StoreCommand.class), leaf(RestoreCommand.class)),
            group(BootstrapCommand.class, leaf(MaxPodsCommand.class), leaf(RenderCommand.class), leaf(EniConfigCommand.class)),
            group(VpcCommand.class, leaf(CheckCommand.class)),
            leaf(CompletionCommand.class),
            leaf(CommandLine.HelpCommand.class));

    /** The commands that read the whole tree when they run. */
    private static final List<Class<?>> READ_THE_TREE = List.of(CompletionCommand.class, CommandLine.HelpCommand.class);

    private static CommandTree leaf(Class<?> command) {
        return new CommandTree(command, List.of());
    }

    private static CommandTree group(Class<?> command, CommandTree... children) {
        return new CommandTree(command, List.of(children));
    }

    /** The names the command answers to: its name, then its aliases. */
    List<String> names() {
        Command c = command.getAnnotation(Command.class);
        List<String> names = new ArrayList<>(List.of(c.name()));
        names.addAll(List.of(c.aliases()));
        return names;
    }

    /** Adds every command of {@code commands} to {@code parent}, all the way down. */
    static void addAll(CommandLine parent, List<CommandTree> commands) {
        for (CommandTree c : commands) {
            c.addTo(parent, List.of(), 0);
        }
    }

    /**
     * Adds to {@code parent} the commands {@code args} name from position {@code at} on: the one named there
     * (and below it, what the next argument names), or all of them where none is named.
     */
    static void addFor(CommandLine parent, List<CommandTree> commands, List<String> args, int at) {
        Optional<CommandTree> named = at < args.size()
                ? commands.stream().filter(c -> c.names().contains(args.get(at))).findFirst() : Optional.empty();
        if (named.isEmpty() || READ_THE_TREE.contains(named.get().command())) {
            addAll(parent, commands);
        } else {
            named.get().addTo(parent, args, at + 1);
        }
    }

    private void addTo(CommandLine parent, List<String> args, int next) {
        CommandLine self = new CommandLine(command, parent.getFactory());
        if (!children.isEmpty()) {
            addFor(self, children, args, next);
        }
        parent.addSubcommand(self);
    }
}
