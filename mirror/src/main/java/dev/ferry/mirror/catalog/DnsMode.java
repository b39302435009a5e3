package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;
import java.util.Locale;

/**
 * How the cluster publishes its API name, as far as it changes the images it pulls: with kOps's
 * {@code dns=none} no dns-controller runs. kOps's public and private Route 53 zones (and the gossip names
 * of kOps before 1.37, which also run dns-controller) are {@link #ROUTE53}.
 */
public enum DnsMode implements Word {
    ROUTE53,
    NONE;

    /** {@code none} or {@code route53}; kOps's own words {@code public} and {@code private} mean route53. */
    public static DnsMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "route53", "public", "private" -> ROUTE53;
            case "none" -> NONE;
            default -> throw FerryException.badInput("unknown DNS mode '" + text + "'",
                    "use none (kOps's --dns none, what AWS China clusters use) or route53 (a Route 53 zone: kOps's public or private)");
        };
    }

    @Override
    public String toString() {
        return id();
    }
}
