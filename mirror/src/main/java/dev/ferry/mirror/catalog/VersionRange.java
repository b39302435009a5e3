package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import java.util.ArrayList;
import java.util.List;

/**
 * A version condition from the catalog data, compared on release lines (major.minor):
 * {@code "1.26"} (that line), {@code ">=1.27"}, {@code ">=1.29 <1.34"}, {@code "*"}.
 */
public record VersionRange(String text, List<Bound> bounds) {

    record Bound(String op, int major, int minor) {
        boolean test(Version v) {
            int c = Integer.compare(v.major(), major);
            if (c == 0) {
                c = Integer.compare(v.minor(), minor);
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

    public static final VersionRange ANY = new VersionRange("*", List.of());

    public static VersionRange parse(String text) {
        String t = text.trim();
        if (t.equals("*") || t.isEmpty()) {
            return ANY;
        }
        List<Bound> bounds = new ArrayList<>();
        for (String part : t.split("\\s+")) {
            String op = part.startsWith(">=") || part.startsWith("<=") ? part.substring(0, 2)
                    : part.startsWith(">") || part.startsWith("<") || part.startsWith("=") ? part.substring(0, 1) : "=";
            String rest = part.substring(op.equals("=") && !part.startsWith("=") ? 0 : op.length());
            String[] mm = rest.split("\\.");
            if (mm.length != 2) {
                throw FerryException.badInput("bad version range '" + text + "' in the catalog", "use forms like 1.26, >=1.27, >=1.29 <1.34");
            }
            try {
                bounds.add(new Bound(op, Integer.parseInt(mm[0]), Integer.parseInt(mm[1])));
            } catch (NumberFormatException e) {
                throw FerryException.badInput("bad version range '" + text + "' in the catalog", "use forms like 1.26, >=1.27, >=1.29 <1.34");
            }
        }
        return new VersionRange(t, List.copyOf(bounds));
    }

    public boolean contains(Version v) {
        for (Bound b : bounds) {
            if (!b.test(v)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return text;
    }
}
