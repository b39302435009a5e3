package dev.ferry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** Every command's help: a one-line header, an example, and no URL, path or flag broken across lines. */
class HelpTest {
    /** URLs, flags, and words with a slash (paths, key prefixes): what a reader copies out of help text. */
    private static final Pattern TOKEN = Pattern.compile("https?://[^\\s)`,;]+|--[a-z][a-z0-9-]+|[\\w.~-]*/[\\w./*{}<>-]+");

    @Test
    void everyCommandHasAHeaderAndAnExample() {
        List<String> missing = new ArrayList<>();
        for (CommandLine c : all(Ferry.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))) {
            CommandSpec spec = c.getCommandSpec();
            if (spec.name().equals("help")) {
                continue;
            }
            if (spec.usageMessage().header().length != 1) {
                missing.add(spec.qualifiedName() + ": no one-line header");
            }
            if (!String.join("\n", spec.usageMessage().description()).contains("Example")) {
                missing.add(spec.qualifiedName() + ": no example");
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void helpNeverBreaksAUrlAPathOrAFlag() {
        List<String> broken = new ArrayList<>();
        for (CommandLine c : all(Ferry.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())))) {
            CommandSpec spec = c.getCommandSpec();
            String usage = c.getUsageMessage(CommandLine.Help.Ansi.OFF);
            List<String> texts = new ArrayList<>(List.of(spec.usageMessage().header()));
            texts.addAll(List.of(spec.usageMessage().description()));
            for (OptionSpec o : spec.options()) {
                texts.addAll(List.of(o.description()));
            }
            for (String text : texts) {
                Matcher m = TOKEN.matcher(text.replace("${DEFAULT-VALUE}", ""));
                while (m.find()) {
                    if (!usage.contains(m.group())) {
                        broken.add(spec.qualifiedName() + ": " + m.group());
                    }
                }
            }
            for (String line : usage.split("\n")) {
                assertTrue(line.length() <= 100, spec.qualifiedName() + " has a help line of " + line.length() + " columns: " + line);
            }
        }
        assertEquals(List.of(), broken, "tokens split across lines in --help");
    }

    static List<CommandLine> all(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        out.add(root);
        for (CommandLine sub : root.getSubcommands().values()) {
            out.addAll(all(sub));
        }
        return out;
    }
}
