package dev.ferry.registry.client;

import dev.ferry.error.FerryException;
import dev.ferry.registry.ref.ImageReference;
import okhttp3.HttpUrl;

/**
 * Where a registry's API answers: {@code https://registry.k8s.io}, {@code http://127.0.0.1:5000}. Docker
 * Hub's API is {@code registry-1.docker.io}.
 *
 * @param host the host, with {@code :port} when it is not the scheme's default
 */
public record RegistryEndpoint(String scheme, String host) {

    public RegistryEndpoint {
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new IllegalArgumentException("scheme " + scheme);
        }
        if (HttpUrl.parse(scheme + "://" + host + "/") == null) {
            throw FerryException.badInput("'" + host + "' is not a registry host", "e.g. registry.k8s.io or 127.0.0.1:5000");
        }
    }

    /** The API of the registry {@code host} (as an image reference names it), over https unless {@code plainHttp}. */
    public static RegistryEndpoint of(String host, boolean plainHttp) {
        String h = host.equals(ImageReference.DOCKER_HUB) ? "registry-1.docker.io" : host;
        return new RegistryEndpoint(plainHttp ? "http" : "https", h);
    }

    /** Parses {@code https://host[:port]} or {@code http://host[:port]} (a trailing path is not allowed). */
    public static RegistryEndpoint parse(String url) {
        HttpUrl u = HttpUrl.parse(url);
        if (u == null || !(u.encodedPath().equals("/") || u.encodedPath().isEmpty())) {
            throw FerryException.badInput("'" + url + "' is not a registry URL", "write it as https://host[:port] or http://host:port");
        }
        return new RegistryEndpoint(u.scheme(), u.port() == HttpUrl.defaultPort(u.scheme()) ? u.host() : u.host() + ":" + u.port());
    }

    /** {@code /v2/…} on this registry. */
    public HttpUrl url(String path) {
        return HttpUrl.get(scheme + "://" + host + path);
    }

    /** {@code https://registry.k8s.io}. */
    public String base() {
        return scheme + "://" + host;
    }

    @Override
    public String toString() {
        return base();
    }
}
