package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;
import dev.ferry.format.ControlCharacters;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a URL Ferry downloads from must be: http or https, with a host, without credentials and without
 * control characters. Checked where URLs come in (lock, manifest, kops assets file, source mirrors) and
 * by {@link Asset} itself, so no hand-written file can make Ferry publish a file of this machine
 * ({@code file://}) or carry a password into a reviewed, committed lock.
 */
public final class SourceUrl {
    /** Cloud instance metadata services by name; link-local addresses (169.254.0.0/16, fe80::/10) are caught by address. */
    private static final Set<String> METADATA = Set.of("100.100.100.200", "metadata.google.internal");
    /** EC2's instance metadata service over IPv6 (its IPv4 one, 169.254.169.254, is link-local). */
    private static final String EC2_IPV6_METADATA = "fd00:ec2::254";

    /** A host written as an IPv4 literal (checked for link-local without DNS). */
    private static final Pattern IPV4 = Pattern.compile("[0-9.]+");

    private SourceUrl() {}

    /** {@code url} when it is a usable source; an exit-2 error (what, where, what to do) otherwise. */
    public static String check(String url, String where) {
        String problem;
        String hint;
        ControlCharacters.requireLine(where + ": the URL", url, "remove it");
        String lower = url.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            problem = "is a file: URL; Ferry downloads over http(s) only, so a lock cannot publish a file of this machine";
            hint = "serve the folder (ferry mirror serve --dir DIR) or any web server, and give its http:// URL";
        } else if (!lower.startsWith("http://") && !lower.startsWith("https://")) {
            problem = "is not an http(s) URL";
            hint = "give an absolute URL like https://dl.k8s.io/release/v1.30.0/bin/linux/amd64/kubelet";
        } else if (authority(url).contains("@")) {
            problem = "holds credentials (user:password@); locks and manifests are reviewed and committed, so they carry no secrets";
            hint = "give a proxy's credentials in --proxy or HTTPS_PROXY (http://user:pass@proxy:3128), and a server's in ~/.netrc"
                    + " (machine HOST login USER password PASS)";
        } else if (url.indexOf(' ') >= 0) {
            problem = "holds a space";
            hint = "write a space in a URL as %20";
        } else if (host(url).isEmpty()) {
            problem = "has no host";
            hint = "give an absolute URL like https://dl.k8s.io/…";
        } else {
            return url;
        }
        String shown = problem.startsWith("holds credentials") ? redacted(url) : ControlCharacters.quoted(url);
        throw FerryException.badInput(where + ": " + shown + " " + problem, hint);
    }

    /**
     * A warning when {@code url}'s host is link-local or a cloud metadata service: fetching from there can
     * read this machine's instance credentials into the mirror. Hosts are judged as written, never resolved.
     */
    public static Optional<String> warning(String url) {
        String host = host(url).toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        boolean risky = METADATA.contains(host) || linkLocal(host);
        return risky ? Optional.of(url + " points at a link-local or cloud metadata address (" + host + "): Ferry fetches it as asked,"
                + " but a lock that does this may be reading this machine's instance credentials; check where the lock came from")
                : Optional.empty();
    }

    /** The host as written (with brackets for IPv6), or "". */
    public static String host(String url) {
        String authority = authority(url);
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        if (hostPort.startsWith("[")) {
            int close = hostPort.indexOf(']');
            return close < 0 ? "" : hostPort.substring(0, close + 1);
        }
        int colon = hostPort.indexOf(':');
        return colon < 0 ? hostPort : hostPort.substring(0, colon);
    }

    private static String authority(String url) {
        int start = url.indexOf("://");
        if (start < 0) {
            return "";
        }
        String rest = url.substring(start + 3);
        int end = rest.length();
        for (char c : new char[] {'/', '?', '#'}) {
            int i = rest.indexOf(c);
            if (i >= 0 && i < end) {
                end = i;
            }
        }
        return rest.substring(0, end);
    }

    private static boolean linkLocal(String host) {
        boolean literal = IPV4.matcher(host).matches() || host.contains(":");
        if (!literal) {
            return false; // a name: not resolved here (no DNS while reading a file)
        }
        try {
            InetAddress a = InetAddress.getByName(host);
            return a.isLinkLocalAddress() || (a instanceof Inet6Address && a.equals(InetAddress.getByName(EC2_IPV6_METADATA)));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The URL with its user-info replaced, so a password given by mistake never reaches a terminal or a log. */
    private static String redacted(String url) {
        String authority = authority(url);
        return "'" + url.replace(authority, "***@" + authority.substring(authority.lastIndexOf('@') + 1)) + "'";
    }
}
