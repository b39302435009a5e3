package dev.ferry.shell;

import java.util.regex.Pattern;

/**
 * Quoting for values that reach a POSIX shell (node user-data, the builder's bake steps, commands Ferry prints
 * for the user to paste). Inside single quotes nothing is special but the quote itself, which is closed, escaped
 * and reopened, so {@code $(…)}, backticks, double quotes and newlines stay text.
 */
public final class ShellQuote {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private ShellQuote() {}

    /** Always single-quoted: for generated scripts, where a uniform form is easier to review. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** Bare when nothing in it is special to the shell, else single-quoted: for commands shown to people. */
    public static String word(String value) {
        return PLAIN.matcher(value).matches() ? value : quote(value);
    }
}
