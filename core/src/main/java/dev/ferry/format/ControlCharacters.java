package dev.ferry.format;

import dev.ferry.error.FerryException;
import java.util.OptionalInt;

/**
 * The one rule for characters in values that come from outside (lock and manifest fields, flags, files
 * given to Ferry) and end up in something read line by line: a file name, an S3 key, a shell script, a
 * cloud-config, a log line, an error message.
 *
 * <p>Unsafe are every C0 and C1 control character (U+0000 to U+001F, U+007F to U+009F, which includes
 * U+0085 NEXT LINE), U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR. YAML 1.1 readers (PyYAML,
 * which cloud-init uses, and libyaml, which go-yaml ports) end a line at U+0085, U+2028 and U+2029, while
 * YAML 1.2 (snakeyaml-engine), bash and {@link String#lines()} do not: a value holding one can start a
 * new top-level key that only the node's reader sees.
 */
public final class ControlCharacters {
    private ControlCharacters() {}

    /** True for a C0 or C1 control, U+2028 or U+2029. */
    public static boolean unsafe(int codePoint) {
        return Character.getType(codePoint) == Character.CONTROL
                || codePoint == 0x2028 || codePoint == 0x2029;
    }

    /** Index of the first unsafe character of a one-line value, or empty. */
    public static OptionalInt firstInLine(String value) {
        return first(value, false);
    }

    /** Index of the first unsafe character of a multi-line text, where LF and TAB are fine, or empty. */
    public static OptionalInt firstInText(String value) {
        return first(value, true);
    }

    private static OptionalInt first(String value, boolean text) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (unsafe(c) && !(text && (c == '\n' || c == '\t'))) {
                return OptionalInt.of(i);
            }
        }
        return OptionalInt.empty();
    }

    /** {@code value} when it is one line of safe characters; else an exit-2 error naming {@code what} and the character. */
    public static String requireLine(String what, String value, String hint) {
        firstInLine(value).ifPresent(i -> {
            throw refusal(what, value, i, hint);
        });
        return value;
    }

    /** {@code value} when it is text (LF and TAB allowed) of safe characters; else an exit-2 error naming {@code what} and the character. */
    public static String requireText(String what, String value, String hint) {
        firstInText(value).ifPresent(i -> {
            throw refusal(what, value, i, hint);
        });
        return value;
    }

    private static FerryException refusal(String what, String value, int index, String hint) {
        int line = 1;
        for (int i = 0; i < index; i++) {
            line += value.charAt(i) == '\n' ? 1 : 0;
        }
        String where = value.indexOf('\n') >= 0 ? " on line " + line : " at character " + (index + 1);
        String shown = value.indexOf('\n') >= 0 ? "" : ": " + quoted(value);
        return FerryException.badInput(what + " holds " + describe(value.charAt(index)) + where + shown, hint);
    }

    /** "U+2028 (LINE SEPARATOR)". */
    public static String describe(int codePoint) {
        String name = Character.getName(codePoint);
        return String.format("U+%04X", codePoint) + (name == null ? "" : " (" + name + ")");
    }

    /**
     * The value with every unsafe character written as an escape ({@code \x0a}, {@code \u2028}), so it can
     * stand in a comment, a log line or a message without ending it. Backslashes are left alone.
     */
    public static String escape(String value) {
        StringBuilder sb = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!unsafe(c)) {
                sb.append(c);
            } else if (c <= 0xff) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(String.format("\\u%04x", (int) c));
            }
        }
        return sb.toString();
    }

    /** {@link #escape} in single quotes, for messages; "(none)" for null. */
    public static String quoted(String value) {
        return value == null ? "(none)" : "'" + escape(value) + "'";
    }
}
