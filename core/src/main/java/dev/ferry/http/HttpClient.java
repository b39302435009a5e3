package dev.ferry.http;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The one HTTP client of a Ferry run: downloads, anonymous reads of a public mirror, sidecar reads at render
 * time and registry calls all go through it, so {@code --proxy}, {@code HTTPS_PROXY} and {@code NO_PROXY} mean
 * the same everywhere. The OkHttp client is built on first use: a run that needs no request (a no-op re-sync)
 * does not pay for the TLS trust store. {@link #call} goes further: plain-HTTP requests (a registry on the LAN,
 * {@code ferry mirror serve}) take a client without TLS, so a run that talks only to such endpoints never loads
 * the JDK's trust store either (about 0.12 s of a command's start here).
 */
public final class HttpClient implements AutoCloseable {
    /** What every request says it is. */
    public static final String USER_AGENT = "ferry/0.1.0";

    private final Settings settings;
    private volatile OkHttpClient client;
    private volatile OkHttpClient plain;

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

    /** The configured OkHttp client (HTTPS and plain HTTP), built on first use and shared by every caller of this run. */
    public OkHttpClient ok() {
        OkHttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = builder().build();
                }
                c = client;
            }
        }
        return c;
    }

    /**
     * A call of {@code request} on the client it needs: HTTPS on {@link #ok()}, plain HTTP on a client without TLS. A
     * plain-HTTP answer that redirects a GET or HEAD to HTTPS (a registry sending blobs to S3) goes on over TLS.
     */
    public Call call(Request request) {
        return request.isHttps() ? ok().newCall(request) : plain().newCall(request);
    }

    /** Whether the TLS client has been built (tests: a plain-HTTP run must not need it). */
    boolean tlsBuilt() {
        return client != null;
    }

    private OkHttpClient plain() {
        OkHttpClient c = plain;
        if (c == null) {
            synchronized (this) {
                if (plain == null) {
                    plain = builder().connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).followSslRedirects(false)
                            .addInterceptor(this::onToTls).build();
                }
                c = plain;
            }
        }
        return c;
    }

    /**
     * The plain client does not follow a redirect to HTTPS (it has no TLS); a GET or HEAD so redirected continues on
     * the TLS client, without the Authorization header when the host changes (as OkHttp itself drops it).
     */
    private Response onToTls(Interceptor.Chain chain) throws IOException {
        Response response = chain.proceed(chain.request());
        Request last = response.request();
        String location = response.header("Location");
        HttpUrl next = response.isRedirect() && location != null ? last.url().resolve(location) : null;
        if (next == null || !next.isHttps() || !(last.method().equals("GET") || last.method().equals("HEAD"))) {
            return response;
        }
        Request.Builder onward = last.newBuilder().url(next);
        if (!next.host().equals(last.url().host())) {
            onward.removeHeader("Authorization");
        }
        response.close();
        return ok().newCall(onward.build()).execute();
    }

    /** How requests leave, for the start-of-run line: "direct" or "proxy http://host:port". */
    public String route() {
        return settings.proxy().describe();
    }

    private OkHttpClient.Builder builder() {
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
                .authenticator(settings.logins().authenticator()); // upstream logins: ~/.netrc, never a lock
    }

    @Override
    public void close() {
        for (OkHttpClient c : new OkHttpClient[] {client, plain}) {
            if (c != null) {
                c.dispatcher().executorService().shutdown();
                c.connectionPool().evictAll();
            }
        }
    }
}
