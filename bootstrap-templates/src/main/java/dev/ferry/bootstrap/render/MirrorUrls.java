package dev.ferry.bootstrap.render;

import dev.ferry.error.FerryException;
import java.util.regex.Pattern;

/**
 * Checks URLs that go into user-data. They are shell-quoted as well; this check refuses anything a
 * node could not fetch anyway (spaces, quotes, control characters, no scheme) so mistakes show at render time.
 */
public final class MirrorUrls {
    private static final Pattern URL = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?(/[A-Za-z0-9._~%!&*+,;=:@/-]*)?");

    private MirrorUrls() {}

    /** The URL with any trailing slash removed; refuses anything that is not a plain http(s) URL. */
    public static String check(String url, String what) {
        if (url == null || !URL.matcher(url).matches()) {
            throw FerryException.badInput(what + " is not a plain http(s) URL: " + printable(url),
                    "give a URL like https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops (no spaces, quotes, $ or query string)");
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Shows control characters as escapes so an error message cannot be spoofed by a newline. */
    static String printable(String s) {
        if (s == null) {
            return "(none)";
        }
        StringBuilder sb = new StringBuilder("'");
        for (char c : s.toCharArray()) {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('\'').toString();
    }
}
