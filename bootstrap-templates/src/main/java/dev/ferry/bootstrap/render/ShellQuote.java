package dev.ferry.bootstrap.render;

/**
 * Single-quotes a value for bash. Inside single quotes nothing is special except the quote itself,
 * which is closed, escaped and reopened, so {@code $(…)}, backticks, double quotes and newlines stay text.
 */
public final class ShellQuote {
    private ShellQuote() {}

    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
