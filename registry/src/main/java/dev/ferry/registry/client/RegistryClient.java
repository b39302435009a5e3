package dev.ferry.registry.client;

import dev.ferry.error.FerryException;
import dev.ferry.error.TargetRefused;
import dev.ferry.error.Unreachable;
import dev.ferry.http.HttpClient;
import dev.ferry.registry.auth.CredentialStore;
import dev.ferry.retry.RetryPolicy;
import java.io.IOException;
import java.time.Clock;
import java.util.Collection;
import java.util.Optional;
import java.util.function.Supplier;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * One registry's API ({@code /v2/}) over the run's one HTTP client: authorization learnt from the first
 * {@code 401} and shared by all its repositories, retries for small idempotent calls. Redirects are followed
 * by OkHttp, which drops {@code Authorization} when a redirect leaves the host (blobs redirected to S3 or a
 * CDN would otherwise be refused: "only one auth mechanism allowed").
 */
public final class RegistryClient {
    private final String name;
    private final RegistryEndpoint endpoint;
    private final HttpClient http;
    private final EndpointAuth auth;
    private final RetryPolicy retry;
    private final UploadStyle uploads;

    /**
     * @param name        the registry's name as images write it, which credentials are looked up by (an ECR
     *                    host, {@code docker.io}); usually the endpoint's host, unless the endpoint was redirected
     * @param endpoint    where its API answers
     * @param credentials credentials for {@code name}
     * @param retry       attempts for small idempotent calls
     * @param uploads     how blobs are sent
     */
    public RegistryClient(String name, RegistryEndpoint endpoint, HttpClient http, CredentialStore credentials, RetryPolicy retry,
                          UploadStyle uploads, Clock clock) {
        this.name = name;
        this.endpoint = endpoint;
        this.http = http;
        this.auth = new EndpointAuth(name, credentials, http, clock);
        this.retry = retry;
        this.uploads = uploads;
    }

    /** The registry's name as images write it. */
    public String name() {
        return name;
    }

    public RegistryEndpoint endpoint() {
        return endpoint;
    }

    public UploadStyle uploads() {
        return uploads;
    }

    public RetryPolicy retry() {
        return retry;
    }

    /** A repository of this registry, read from or written to. */
    public RepositoryClient repository(String name, Role role) {
        return new RepositoryClient(this, name, role);
    }

    /**
     * {@code GET /v2/}: the registry speaks the distribution API and its authorization is learnt. Fails early
     * with a clear error when it is unreachable, or needs a credential Ferry lacks or that it refuses.
     */
    public void ping(Role role) {
        HttpUrl url = endpoint.url("/v2/");
        try {
            call(() -> {
                try (Response r = send(() -> new Request.Builder().url(url).get(), java.util.List.of())) {
                    if (r.code() != 200) {
                        throw RegistryErrors.of(r, role, endpoint.host(), "reach the registry API");
                    }
                    return null;
                }
            }, url.toString());
        } catch (FerryException e) {
            throw role == Role.TARGET ? asTarget(e, endpoint.host()) : e;
        }
    }

    /**
     * Sends a request with the authorization {@code scopes} need; a {@code 401} is answered (token fetched,
     * Basic credential found) and the request sent once more, built anew by {@code request}.
     */
    Response send(Supplier<Request.Builder> request, Collection<String> scopes) throws IOException {
        Optional<String> header = auth.header(scopes);
        Response r = execute(request.get(), header);
        if (r.code() != 401) {
            return r;
        }
        r.close();
        auth.challenged(r, scopes, header);
        Optional<String> again = auth.header(scopes);
        Response second = execute(request.get(), again);
        if (second.code() == 401) {
            second.close();
            auth.challenged(second, scopes, again); // says which credential was refused
            throw new AuthorizationRefused(endpoint.host() + " refused the authorization it asked for (HTTP 401)",
                    "check the user's rights on " + endpoint.host());
        }
        return second;
    }

    private Response execute(Request.Builder b, Optional<String> header) throws IOException {
        b.header("User-Agent", HttpClient.USER_AGENT);
        header.ifPresent(h -> b.header("Authorization", h));
        return http.call(b.build()).execute();
    }

    /** Runs a small idempotent call with the retry policy; a transport failure becomes {@link Unreachable}. */
    <T> T call(IoCall<T> call, String url) {
        return retry.run(() -> {
            try {
                return call.run();
            } catch (IOException e) {
                throw RegistryErrors.of(e, url);
            }
        }, RegistryClient::worthRetrying, RetryPolicy.RetryListener.SILENT);
    }

    /** Whether another attempt may succeed: a dropped connection, a timeout, a 5xx, 408 or 429. */
    public static boolean worthRetrying(Exception e) {
        return e instanceof Unreachable u && u.failure().transientFailure();
    }

    /** A refusal of authorization by a target is the target's. */
    static FerryException asTarget(FerryException e, String target) {
        return e instanceof TargetRefused || e instanceof Unreachable ? e : new TargetRefused(target, e.getMessage(), e.hint().orElse(null), e);
    }

    @FunctionalInterface
    interface IoCall<T> {
        T run() throws IOException;
    }
}
