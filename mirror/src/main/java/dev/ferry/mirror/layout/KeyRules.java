package dev.ferry.mirror.layout;

import dev.ferry.error.FerryException;
import dev.ferry.format.ControlCharacters;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a canonical URL into an object key under each layout. The legacy prefixes come from the
 * catalog data; the kOps rule is kOps's own: drop the host, keep the path.
 */
public record KeyRules(List<PrefixRule> legacyPrefixes) {

    /** URLs starting with {@code from} are stored under {@code to} + the rest of the URL. */
    public record PrefixRule(String from, String to) {}

    public KeyRules {
        legacyPrefixes = List.copyOf(legacyPrefixes);
    }

    /** The keys of {@code url} under every layout. */
    public Map<Layout, String> keys(String url) {
        Map<Layout, String> keys = new EnumMap<>(Layout.class);
        String kops = kopsKey(url);
        keys.put(Layout.KOPS, kops);
        keys.put(Layout.LEGACY, legacyKey(url).orElse(kops));
        return keys;
    }

    /** kOps fileRepository rule: the URL path, host dropped, no leading slash. */
    public static String kopsKey(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw FerryException.badInput("not a valid URL: '" + url + "'", "use an absolute https:// URL");
        }
        if (uri.getScheme() == null || uri.getHost() == null || uri.getRawPath() == null) {
            throw FerryException.badInput("not an absolute URL: '" + url + "'", "use an absolute https:// URL");
        }
        String path = uri.getPath();
        while (path.startsWith("/")) {
            path = path.substring(1);
        }
        checkKey(path, url);
        return path;
    }

    private java.util.Optional<String> legacyKey(String url) {
        for (PrefixRule rule : legacyPrefixes) {
            if (url.startsWith(rule.from())) {
                String key = rule.to() + url.substring(rule.from().length());
                checkKey(key, url);
                return java.util.Optional.of(key);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * A key must be a plain relative path: it becomes a file name on disk, an S3 key and a line of node
     * user-data, so it holds no control character or Unicode line separator ({@link ControlCharacters}).
     */
    public static void checkKey(String key, String from) {
        String hint = "a key must be a relative path like release/v1.30.0/bin/linux/amd64/kubelet";
        ControlCharacters.requireLine("the mirror key from " + ControlCharacters.quoted(from), key, hint);
        if (key.isEmpty() || key.endsWith("/") || key.startsWith("/") || key.contains("\\") || key.contains("//")) {
            throw FerryException.badInput(ControlCharacters.quoted(from) + " gives the unusable mirror key " + ControlCharacters.quoted(key), hint);
        }
        for (String segment : key.split("/")) {
            if (segment.equals("..") || segment.equals(".")) {
                throw FerryException.badInput(ControlCharacters.quoted(from) + " gives the mirror key " + ControlCharacters.quoted(key)
                        + ", which leaves the mirror", "remove '.' and '..' segments from the URL or key");
            }
        }
    }
}
