package dev.ferry.image.build;

/** Quoting for values that reach the builder's shell. */
public final class Shell {
    private Shell() {}

    /** A single-quoted POSIX shell word: safe for any value, including quotes and newlines. */
    public static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
