package dev.ferry.format;

import dev.ferry.error.FerryException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts and durations the way people read them: 1.5 GiB, 2m05s, 3 parts. */
public final class Sizes {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private Sizes() {}

    /**
     * A duration as written in flags and image.yaml: {@code 500ms}, {@code 30s}, {@code 10m}, {@code 1h}; a bare
     * number is seconds. {@code what} names the flag or field in the error.
     */
    public static Duration parseDuration(String text, String what) {
        Matcher m = DURATION.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw FerryException.badInput(what + " must be a duration such as 30s, 10m or 1h, not '" + text + "'", null);
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }

    /**
     * "512 B", "1.5 KiB", "382 MiB": one decimal below 100, none above, rounded half up. Written out rather than
     * through {@code String.format}, which parses its pattern on every call: every blob's progress line names its size.
     */
    public static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = bytes;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        if (v >= 100) {
            return Math.round(v) + " " + units[u];
        }
        long tenths = Math.round(v * 10); // v is bytes over a power of two: exact, and so is v * 10 below 2^53 bytes
        return tenths / 10 + "." + tenths % 10 + " " + units[u];
    }

    public static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, (seconds % 3600) / 60);
    }

    /** A wait or timeout as configured: 500ms, 90s, 10m, 2m30s. */
    public static String duration(Duration d) {
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        if (d.toSeconds() < 120) {
            return d.toSeconds() + "s";
        }
        return d.toMinutes() + "m" + (d.toSecondsPart() == 0 ? "" : d.toSecondsPart() + "s");
    }

    /** "1 part", "3 parts"; {@code plural} for irregular words. */
    public static String count(long n, String singular, String plural) {
        return n + " " + (n == 1 ? singular : plural);
    }

    public static String count(long n, String singular) {
        return count(n, singular, singular + "s");
    }
}
