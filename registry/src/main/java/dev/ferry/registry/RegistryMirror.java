package dev.ferry.registry;

import dev.ferry.error.FerryException;
import dev.ferry.registry.client.RegistryEndpoint;
import dev.ferry.registry.ref.ImageReference;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * "Read images under {@code prefix} from {@code base} first", as {@code --source-mirror} does for files:
 * {@code https://registry.k8s.io=http://127.0.0.1:5001}, or with paths, {@code https://docker.io=https://harbor.example.cn/dockerhub-proxy}
 * (a Harbor proxy-cache project). The image keeps its canonical name; upstream stays the fallback.
 */
public record RegistryMirror(String prefix, String base) {

    /** Where an image is read: a registry and a repository in it. */
    public record Location(RegistryEndpoint endpoint, String repository) {}

    public RegistryMirror {
        prefix = trim(prefix);
        base = trim(base);
        HttpUrl p = HttpUrl.parse(prefix);
        HttpUrl b = HttpUrl.parse(base);
        if (p == null || b == null) {
            throw FerryException.badInput("source mirror '" + prefix + "=" + base + "' needs two http(s) URLs",
                    "e.g. --source-mirror https://registry.k8s.io=https://registry-mirror.example.cn");
        }
    }

    /** Parses {@code PREFIX=URL}. */
    public static RegistryMirror parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw FerryException.badInput("source mirror '" + text + "' is not PREFIX=URL",
                    "e.g. --source-mirror https://registry.k8s.io=http://127.0.0.1:5001");
        }
        return new RegistryMirror(text.substring(0, eq), text.substring(eq + 1));
    }

    private static String trim(String url) {
        String t = url.trim();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t.replaceFirst("^(https?://)(index|registry-1)\\.docker\\.io(?=/|$)", "$1docker.io");
    }

    /** Where this mirror serves {@code image}, when its prefix covers the image's registry and repository. */
    public Optional<Location> apply(ImageReference image) {
        String url = "https://" + image.registry() + "/" + image.repository();
        if (!url.equals(prefix) && !url.startsWith(prefix + "/")) {
            return Optional.empty();
        }
        HttpUrl b = HttpUrl.get(base);
        String basePath = b.encodedPath().replaceAll("^/+|/+$", "");
        String rest = url.substring(prefix.length()).replaceAll("^/+", "");
        String repository = basePath.isEmpty() ? rest : rest.isEmpty() ? basePath : basePath + "/" + rest;
        String host = b.port() == HttpUrl.defaultPort(b.scheme()) ? b.host() : b.host() + ":" + b.port();
        return Optional.of(new Location(new RegistryEndpoint(b.scheme(), host), repository));
    }

    @Override
    public String toString() {
        return prefix + "=" + base;
    }
}
