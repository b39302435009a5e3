package dev.ferry.cli.mirror;

/** Quotes a value for a POSIX shell: single quotes, each inner quote as {@code '\''}. */
final class ShellQuote {
    private ShellQuote() {}

    static String quote(String value) {
        if (value.matches("[A-Za-z0-9_@%+=:,./-]+")) {
            return value;
        }
        return "'" + value.replace("'", "'\\''") + "'";
    }
}
