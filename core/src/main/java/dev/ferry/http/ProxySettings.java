package dev.ferry.http;

import dev.ferry.error.FerryException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Credentials;

/**
 * Which proxy a download goes through: {@code --proxy URL} for every scheme, else {@code HTTPS_PROXY}
 * for https and {@code HTTP_PROXY} for http (either case); {@code NO_PROXY} hosts and domains go direct.
 * Credentials in a proxy URL ({@code http://user:pass@host:port}) answer a 407 and never reach a log.
 */
public final class ProxySettings extends ProxySelector {
    private final Optional<URI> https;
    private final Optional<URI> http;
    private final List<String> noProxy;

    private ProxySettings(Optional<URI> https, Optional<URI> http, List<String> noProxy) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    public static ProxySettings of(Optional<String> explicit, Map<String, String> env) {
        Optional<URI> https = explicit.or(() -> var(env, "HTTPS_PROXY")).map(ProxySettings::proxyUri);
        Optional<URI> http = explicit.or(() -> var(env, "HTTP_PROXY")).map(ProxySettings::proxyUri);
        List<String> no = new ArrayList<>();
        var(env, "NO_PROXY").ifPresent(v -> {
            for (String s : v.split(",")) {
                String t = s.trim().toLowerCase(Locale.ROOT);
                if (!t.isEmpty()) {
                    no.add(t.replaceFirst(":\\d+$", ""));
                }
            }
        });
        return new ProxySettings(https, http, List.copyOf(no));
    }

    private static Optional<String> var(Map<String, String> env, String name) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            v = env.get(name.toLowerCase(Locale.ROOT));
        }
        return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.trim());
    }

    private static URI proxyUri(String text) {
        String t = text.contains("://") ? text : "http://" + text;
        URI u;
        try {
            u = URI.create(t);
        } catch (IllegalArgumentException e) {
            throw FerryException.badInput("proxy '" + redact(text) + "' is not a URL", "write it as http://host:port");
        }
        if (u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
            throw FerryException.badInput("proxy '" + redact(text) + "' is not an http proxy URL", "write it as http://host:port");
        }
        return u;
    }

    /** A proxy URL without its password, for messages. */
    public static String redact(String text) {
        return text.replaceFirst("//[^@/]*@", "//***@");
    }

    /** How requests leave, for the start-of-run line: "direct" or "proxy http://host:port". */
    public String describe() {
        Optional<URI> p = https.or(() -> http);
        return p.map(u -> "proxy " + u.getScheme() + "://" + u.getHost() + ":" + port(u)
                + (noProxy.isEmpty() ? "" : " (except " + String.join(",", noProxy) + ")")).orElse("direct");
    }

    @Override
    public List<Proxy> select(URI uri) {
        Optional<URI> p = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
        if (p.isEmpty() || bypass(uri.getHost())) {
            return List.of(Proxy.NO_PROXY);
        }
        return List.of(new Proxy(Proxy.Type.HTTP, InetSocketAddress.createUnresolved(p.get().getHost(), port(p.get()))));
    }

    public boolean bypass(String host) {
        String h = host == null ? "" : host.toLowerCase(Locale.ROOT);
        for (String n : noProxy) {
            if (n.equals("*")) {
                return true;
            }
            String domain = n.startsWith("*.") ? n.substring(1) : n.startsWith(".") ? n : "." + n;
            if (h.equals(domain.substring(1)) || h.endsWith(domain)) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void connectFailed(URI uri, SocketAddress sa, IOException ioe) {
        // OkHttp reports the failure itself; there is no second proxy to fall back to
    }

    /** Answers a 407 with the proxy URL's user and password, once. */
    public Authenticator authenticator() {
        return (route, response) -> {
            if (response.request().header("Proxy-Authorization") != null) {
                return null;
            }
            Optional<URI> p = response.request().isHttps() ? https : http;
            Optional<String> info = p.map(URI::getRawUserInfo);
            if (info.isEmpty() || !info.get().contains(":")) {
                return null;
            }
            String[] up = info.get().split(":", 2);
            return response.request().newBuilder()
                    .header("Proxy-Authorization", Credentials.basic(decode(up[0]), decode(up[1])))
                    .build();
        };
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    private static int port(URI u) {
        return u.getPort() > 0 ? u.getPort() : ("https".equals(u.getScheme()) ? 443 : 80);
    }
}
