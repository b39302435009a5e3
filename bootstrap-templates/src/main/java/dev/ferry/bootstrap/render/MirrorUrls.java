package dev.ferry.bootstrap.render;

import dev.ferry.error.FerryException;
import dev.ferry.format.ControlCharacters;
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
        String hint = "give a URL like https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops (no spaces, quotes, $ or query string)";
        if (url != null) {
            ControlCharacters.requireLine(what + " is not a plain http(s) URL: it", url, hint);
        }
        if (url == null || !URL.matcher(url).matches()) {
            throw FerryException.badInput(what + " is not a plain http(s) URL: " + ControlCharacters.quoted(url), hint);
        }
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
