package dev.ferry.image.ssh;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The SSH host key fingerprints cloud-init prints on the console at first boot, between
 * {@code -----BEGIN SSH HOST KEY FINGERPRINTS-----} and {@code -----END SSH HOST KEY FINGERPRINTS-----}
 * (lines may carry an {@code ec2: } prefix). Read through EC2 GetConsoleOutput, they are the one
 * out-of-band way to know the builder's key before dialling it.
 */
public final class ConsoleHostKeys {
    private static final String BEGIN = "-----BEGIN SSH HOST KEY FINGERPRINTS-----";
    private static final String END = "-----END SSH HOST KEY FINGERPRINTS-----";
    private static final Pattern MD5_HEX = Pattern.compile("([0-9a-f]{2}:){15}[0-9a-f]{2}");

    private ConsoleHostKeys() {}

    /**
     * The fingerprints as {@code SHA256:...} or {@code MD5:aa:bb:...}; empty when the block is absent or not
     * complete yet (the console output is read while the instance boots).
     */
    public static List<String> parse(String console) {
        List<String> out = new ArrayList<>();
        int begin = console.lastIndexOf(BEGIN);
        if (begin < 0) {
            return out;
        }
        int end = console.indexOf(END, begin);
        if (end < 0) {
            return out;
        }
        for (String line : console.substring(begin + BEGIN.length(), end).split("\r?\n")) {
            for (String token : line.trim().split("\\s+")) {
                if (token.startsWith("SHA256:") && token.length() > 7) {
                    out.add(token);
                } else if (MD5_HEX.matcher(token.toLowerCase(java.util.Locale.ROOT)).matches()) {
                    out.add("MD5:" + token.toLowerCase(java.util.Locale.ROOT));
                }
            }
        }
        return out;
    }
}
