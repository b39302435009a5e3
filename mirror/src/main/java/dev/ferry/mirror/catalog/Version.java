package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A release version such as 1.30.4 (a leading {@code v} is accepted and dropped). */
public record Version(int major, int minor, int patch, String text) implements Comparable<Version> {
    private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?([-+][0-9A-Za-z.+-]*)?");

    public static Version parse(String raw, String what) {
        String s = raw == null ? "" : raw.trim();
        Matcher m = FORM.matcher(s);
        if (!m.matches()) {
            throw FerryException.badInput(what + " '" + raw + "' is not a version", "write it like 1.30.4");
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        String text = s.startsWith("v") ? s.substring(1) : s;
        return new Version(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch, text);
    }

    /** True when only major.minor was given: "1.30". */
    public boolean isLine() {
        return text.chars().filter(c -> c == '.').count() == 1;
    }

    /** The release line: "1.30". */
    public String line() {
        return major + "." + minor;
    }

    @Override
    public int compareTo(Version o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        if (c == 0) {
            c = Integer.compare(patch, o.patch);
        }
        return c;
    }

    @Override
    public String toString() {
        return text;
    }
}
