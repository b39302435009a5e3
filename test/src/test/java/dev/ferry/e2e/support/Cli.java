package dev.ferry.e2e.support;

import dev.ferry.cli.Ferry;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Runs the Ferry CLI in this JVM, as a user would type it, and captures what it printed. */
public final class Cli {
    private Cli() {}

    /** The exit code and both streams of one run. */
    public record Result(int exit, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exit + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
        }
    }

    public static Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Ferry.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(exit, out.toString(), err.toString());
    }

    public static Result run(List<String> args) {
        return run(args.toArray(String[]::new));
    }

    /** One run as if {@code environment} were the process environment (HTTPS_PROXY, NO_PROXY…). */
    public static Result run(Map<String, String> environment, List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Ferry.run(args.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true), environment);
        return new Result(exit, out.toString(), err.toString());
    }

    /** {@code base} followed by {@code more}. */
    public static List<String> args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(Arrays.asList(more));
        return all;
    }
}
