package dev.ferry.http;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/**
 * The one HTTP client of a Ferry run: downloads, anonymous reads of a public mirror, sidecar reads at render
 * time and registry calls all go through it, so {@code --proxy}, {@code HTTPS_PROXY} and {@code NO_PROXY} mean
 * the same everywhere. The OkHttp client is built on first use: a run that needs no request (a no-op re-sync)
 * does not pay for the TLS trust store.
 */
public final class HttpClient implements AutoCloseable {
    /** What every request says it is. */
    public static final String USER_AGENT = "ferry/0.1.0";

    private final Settings settings;
    private volatile OkHttpClient client;

    /**
     * @param proxy          how requests leave this machine
     * @param connectTimeout give up on a connection attempt after this long
     * @param readTimeout    give up on a read (or write) that stalls this long
     * @param connections    idle connections kept for reuse (the number of parallel jobs is a good figure)
     * @param logins         servers' logins ({@code ~/.netrc}), answering a 401 of that host only
     */
    public record Settings(ProxySettings proxy, Duration connectTimeout, Duration readTimeout, int connections, Netrc logins) {
        /** Proxies and logins from the environment, 10 s to connect, 60 s per read. */
        public static Settings fromEnvironment(Optional<String> explicitProxy, Map<String, String> env) {
            return new Settings(ProxySettings.of(explicitProxy, env), Duration.ofSeconds(10), Duration.ofSeconds(60), 8, Netrc.of(env));
        }

        public Settings withTimeouts(Duration connect, Duration read) {
            return new Settings(proxy, connect, read, connections, logins);
        }

        public Settings withConnections(int n) {
            return new Settings(proxy, connectTimeout, readTimeout, n, logins);
        }
    }

    public HttpClient(Settings settings) {
        this.settings = settings;
    }

    public Settings settings() {
        return settings;
    }

    /** The configured OkHttp client, built on first use and shared by every caller of this run. */
    public OkHttpClient ok() {
        OkHttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = build();
                }
                c = client;
            }
        }
        return c;
    }

    /** How requests leave, for the start-of-run line: "direct" or "proxy http://host:port". */
    public String route() {
        return settings.proxy().describe();
    }

    private OkHttpClient build() {
        // The read timeout lives in the sockets (SO_TIMEOUT), which read ahead in large pieces; OkHttp's own
        // per-read timeout would cost a shared lock and a watchdog entry per 8 KiB (see ReadAheadSockets).
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(Math.max(1, settings.connections()), 5, TimeUnit.MINUTES))
                .connectTimeout(settings.connectTimeout())
                .socketFactory(new ReadAheadSockets((int) Math.min(Integer.MAX_VALUE, settings.readTimeout().toMillis())))
                .readTimeout(Duration.ZERO)
                .writeTimeout(settings.readTimeout())
                .followRedirects(true)
                .followSslRedirects(true)
                // a pooled connection the server closed while idle is retried on a fresh one
                .retryOnConnectionFailure(true)
                .proxySelector(settings.proxy())
                .proxyAuthenticator(settings.proxy().authenticator())
                .authenticator(settings.logins().authenticator()) // upstream logins: ~/.netrc, never a lock
                .build();
    }

    @Override
    public void close() {
        OkHttpClient c = client;
        if (c != null) {
            c.dispatcher().executorService().shutdown();
            c.connectionPool().evictAll();
        }
    }
}
