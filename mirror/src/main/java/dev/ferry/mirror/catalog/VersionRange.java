package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A version condition from the catalog data. A bound written major.minor compares release lines
 * ({@code "1.26"} is that line, {@code ">=1.27"} that line and later); one written down to the patch
 * compares releases, pre-releases before their release ({@code ">=1.28.1"}, {@code "<1.37.0"}).
 * Bounds separated by spaces must all hold; {@code ||} separates alternatives; {@code "*"} is anything.
 */
public record VersionRange(String text, List<List<Bound>> alternatives) {

    /** One comparison: against a line when {@code release} is empty, else against that release. */
    record Bound(String op, int major, int minor, Optional<Version> release) {
        boolean test(Version v) {
            int c;
            if (release.isPresent()) {
                c = v.compareWithPreRelease(release.get());
            } else {
                c = Integer.compare(v.major(), major);
                if (c == 0) {
                    c = Integer.compare(v.minor(), minor);
                }
            }
            return switch (op) {
                case ">=" -> c >= 0;
                case ">" -> c > 0;
                case "<=" -> c <= 0;
                case "<" -> c < 0;
                default -> c == 0;
            };
        }
    }

    public static final VersionRange ANY = new VersionRange("*", List.of(List.of()));

    public static VersionRange parse(String text) {
        String t = text.trim();
        if (t.equals("*") || t.isEmpty()) {
            return ANY;
        }
        List<List<Bound>> alternatives = new ArrayList<>();
        for (String alternative : t.split("\\|\\|", -1)) {
            if (alternative.isBlank()) {
                throw bad(text);
            }
            List<Bound> bounds = new ArrayList<>();
            for (String part : alternative.trim().split("\\s+")) {
                bounds.add(bound(part, text));
            }
            alternatives.add(List.copyOf(bounds));
        }
        return new VersionRange(t, List.copyOf(alternatives));
    }

    private static Bound bound(String part, String text) {
        String op = part.startsWith(">=") || part.startsWith("<=") ? part.substring(0, 2)
                : part.startsWith(">") || part.startsWith("<") || part.startsWith("=") ? part.substring(0, 1) : "=";
        String rest = part.startsWith(op) ? part.substring(op.length()) : part;
        if (!rest.matches("\\d+\\.\\d+(\\.\\d+(-[0-9A-Za-z.-]+)?)?")) {
            throw bad(text);
        }
        Version v = Version.parse(rest, "a version in the catalog");
        return new Bound(op, v.major(), v.minor(), v.isLine() ? Optional.empty() : Optional.of(v));
    }

    private static FerryException bad(String text) {
        return FerryException.badInput("bad version range '" + text + "' in the catalog",
                "use forms like 1.26, >=1.27, >=1.28.1 <1.28.4, <1.25 || >=1.26.5");
    }

    public boolean contains(Version v) {
        for (List<Bound> bounds : alternatives) {
            if (bounds.stream().allMatch(b -> b.test(v))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return text;
    }
}
