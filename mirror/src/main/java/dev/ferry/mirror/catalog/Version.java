package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A release version such as 1.30.4 or 1.37.0-alpha.1 (a leading {@code v} is accepted and dropped).
 * {@link #compareTo} orders releases and ignores the pre-release part; {@link #compareWithPreRelease}
 * orders them as semantic versions do (1.37.0-alpha.1 before 1.37.0).
 */
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

    /** "alpha.1" for 1.37.0-alpha.1; empty for a release. */
    public String preRelease() {
        int dash = text.indexOf('-');
        if (dash < 0) {
            return "";
        }
        int plus = text.indexOf('+', dash);
        return plus < 0 ? text.substring(dash + 1) : text.substring(dash + 1, plus);
    }

    /** This version without its pre-release and build parts: kOps compares Kubernetes versions so. */
    public Version release() {
        return new Version(major, minor, patch, major + "." + minor + "." + patch);
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

    /** Semantic-version order: a pre-release sorts before its release, identifiers compare field by field. */
    public int compareWithPreRelease(Version o) {
        int c = compareTo(o);
        if (c != 0) {
            return c;
        }
        String a = preRelease();
        String b = o.preRelease();
        if (a.isEmpty() || b.isEmpty()) {
            return Boolean.compare(a.isEmpty(), b.isEmpty());
        }
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            c = compareIdentifier(x[i], y[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    private static int compareIdentifier(String a, String b) {
        boolean na = a.chars().allMatch(Character::isDigit);
        boolean nb = b.chars().allMatch(Character::isDigit);
        if (na && nb) {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        }
        return na != nb ? (na ? -1 : 1) : a.compareTo(b);
    }

    @Override
    public String toString() {
        return text;
    }
}
