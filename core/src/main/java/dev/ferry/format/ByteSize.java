package dev.ferry.format;

import dev.ferry.error.FerryException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A size as people write it on a command line: {@code 4g}, {@code 500m}, {@code 1.5G}; binary multiples. */
public record ByteSize(long bytes) {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?", Pattern.CASE_INSENSITIVE);

    public ByteSize {
        if (bytes < 1) {
            throw FerryException.badInput("a size must be at least one byte, not " + bytes, null);
        }
    }

    /** {@code 4g} is 4 GiB; {@code what} names the flag or field in the error. */
    public static ByteSize parse(String text, String what) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw FerryException.badInput(what + " must be a size such as 4g, 500m or 1024k, not '" + text + "'", null);
        }
        double n = Double.parseDouble(m.group(1));
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        long bytes = (long) (n * (1L << shift));
        if (bytes < 1) {
            throw FerryException.badInput(what + " must be at least one byte, not '" + text + "'", null);
        }
        return new ByteSize(bytes);
    }

    @Override
    public String toString() {
        return Sizes.human(bytes);
    }
}
