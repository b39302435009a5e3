package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A run builds only the commands its arguments name, and each of them is the same command the whole tree has. */
class CommandTreeTest {
    private static final PrintWriter NOWHERE = new PrintWriter(new StringWriter());

    private static CommandLine built(String... args) {
        return Ferry.commandLine(List.of(args), NOWHERE, NOWHERE, Map.of());
    }

    /** The qualified names of every command below {@code c}. */
    private static List<String> names(CommandLine c) {
        List<String> out = new ArrayList<>();
        for (CommandLine sub : c.getSubcommands().values()) {
            if (!out.contains(sub.getCommandSpec().qualifiedName())) {
                out.add(sub.getCommandSpec().qualifiedName());
                out.addAll(names(sub));
            }
        }
        return out;
    }

    @Test
    void aSyncBuildsMirrorAndSyncOnly() {
        assertEquals(List.of("ferry mirror", "ferry mirror sync"), names(built("mirror", "sync", "--lock", "ferry.lock", "--to", "file:m")));
        assertEquals(List.of("ferry mirror", "ferry mirror lock", "ferry mirror lock pin"), names(built("mirror", "lock", "pin", "ferry.lock")));
    }

    @Test
    void argumentsThatNameNoCommandGetTheWholeLevel() {
        List<String> all = names(Ferry.commandLine(NOWHERE, NOWHERE));
        assertEquals(all, names(built()));
        assertEquals(all, names(built("--help")));
        assertEquals(all, names(built("help", "mirror", "sync")), "help reads the whole tree");
        assertEquals(all, names(built("completion", "bash")), "so does completion");
        List<String> mirror = names(built("mirror", "--help"));
        assertEquals(all.stream().filter(n -> n.startsWith("ferry mirror")).toList(), mirror);
    }

    @Test
    void everyCommandBuiltAloneHasTheHelpOfTheWholeTree() {
        List<String> checked = new ArrayList<>();
        for (CommandLine c : HelpTest.all(Ferry.commandLine(NOWHERE, NOWHERE))) {
            String qualified = c.getCommandSpec().qualifiedName();
            List<String> path = List.of(qualified.split(" ")).subList(1, qualified.split(" ").length);
            CommandLine alone = built(path.toArray(String[]::new));
            for (String name : path) {
                alone = alone.getSubcommands().get(name);
            }
            assertEquals(c.getUsageMessage(CommandLine.Help.Ansi.OFF), alone.getUsageMessage(CommandLine.Help.Ansi.OFF), qualified);
            checked.add(qualified);
        }
        assertTrue(checked.contains("ferry mirror sync") && checked.contains("ferry vpc check") && checked.size() > 20, checked.toString());
    }

    @Test
    void aMistypedCommandIsAnsweredWithTheCommandsThereAre() {
        StringWriter err = new StringWriter();
        int exit = Ferry.run(new String[] {"mirror", "synk"}, NOWHERE, new PrintWriter(err), Map.of());
        assertEquals(2, exit, err.toString());
        assertTrue(err.toString().contains("did you mean: sync"), err.toString());
    }
}
