package dev.ferry.vpc.net;

import dev.ferry.error.FerryException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IPv4 CIDR block such as {@code 10.0.0.0/16}: the first address (host bits zero) and the prefix length.
 *
 * @param network the first address as an unsigned 32-bit value
 * @param prefix  0 to 32
 */
public record Ipv4Cidr(long network, int prefix) implements Comparable<Ipv4Cidr> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})/(\\d{1,2})");

    public Ipv4Cidr {
        if (prefix < 0 || prefix > 32 || network < 0 || network > 0xFFFF_FFFFL || (network & ~mask(prefix)) != 0) {
            throw new IllegalArgumentException(network + "/" + prefix);
        }
    }

    /** Parses {@code a.b.c.d/n}; {@code what} names the flag or field in the message. Host bits must be zero. */
    public static Ipv4Cidr parse(String text, String what) {
        Matcher m = FORM.matcher(text == null ? "" : text.trim());
        if (!m.matches()) {
            throw FerryException.badInput(what + " '" + text + "' is not an IPv4 CIDR block", "e.g. 10.0.32.0/19");
        }
        long address = 0;
        for (int i = 1; i <= 4; i++) {
            int octet = Integer.parseInt(m.group(i));
            if (octet > 255) {
                throw FerryException.badInput(what + " '" + text + "' is not an IPv4 CIDR block", "each of the four numbers is 0 to 255");
            }
            address = (address << 8) | octet;
        }
        int prefix = Integer.parseInt(m.group(5));
        if (prefix > 32) {
            throw FerryException.badInput(what + " '" + text + "' has a prefix over /32", "e.g. 10.0.32.0/19");
        }
        long network = address & mask(prefix);
        if (network != address) {
            throw FerryException.badInput(what + " '" + text + "' has bits set outside its /" + prefix,
                    "did you mean " + format(network) + "/" + prefix + "?");
        }
        return new Ipv4Cidr(network, prefix);
    }

    /** Whether {@code other} lies wholly inside this block. */
    public boolean contains(Ipv4Cidr other) {
        return other.prefix >= prefix && (other.network & mask(prefix)) == network;
    }

    public boolean overlaps(Ipv4Cidr other) {
        return contains(other) || other.contains(this);
    }

    /** Addresses in the block: 2^(32 − prefix). */
    public long size() {
        return 1L << (32 - prefix);
    }

    @Override
    public int compareTo(Ipv4Cidr o) {
        int c = Long.compare(network, o.network);
        return c != 0 ? c : Integer.compare(prefix, o.prefix);
    }

    @Override
    public String toString() {
        return format(network) + "/" + prefix;
    }

    private static long mask(int prefix) {
        return prefix == 0 ? 0 : (0xFFFF_FFFFL << (32 - prefix)) & 0xFFFF_FFFFL;
    }

    private static String format(long a) {
        return ((a >> 24) & 255) + "." + ((a >> 16) & 255) + "." + ((a >> 8) & 255) + "." + (a & 255);
    }
}
