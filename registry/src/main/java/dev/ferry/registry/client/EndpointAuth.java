package dev.ferry.registry.client;

import dev.ferry.error.FerryException;
import dev.ferry.error.NetworkFailure;
import dev.ferry.error.Unreachable;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.http.HttpClient;
import dev.ferry.registry.auth.Credential;
import dev.ferry.registry.auth.CredentialStore;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Challenge;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;

/**
 * How one registry host wants requests authorized, learnt from its first {@code 401}: the Bearer token flow
 * ({@code WWW-Authenticate: Bearer realm=…,service=…} → a token from the realm, anonymous or with the host's
 * credential, cached per scope until it expires) or Basic auth with the host's credential (ECR, Artifactory).
 * Anonymous registries never see a credential. Shared by every repository of the host.
 */
public final class EndpointAuth {
    private static final int MAX_TOKEN_RESPONSE = 1 << 20;

    private final String host;
    private final CredentialStore credentials;
    private final HttpClient http;
    private final Clock clock;
    private volatile Optional<Challenge> challenge = Optional.empty();
    private final Map<String, BearerToken> tokens = new ConcurrentHashMap<>();
    private final Map<String, Object> fetching = new ConcurrentHashMap<>();

    public EndpointAuth(String host, CredentialStore credentials, HttpClient http, Clock clock) {
        this.host = host;
        this.credentials = credentials;
        this.http = http;
        this.clock = clock;
    }

    /** The {@code Authorization} value for a request that needs {@code scopes}; empty while the host has asked for none. */
    public Optional<String> header(Collection<String> scopes) {
        Optional<Challenge> c = challenge;
        if (c.isEmpty()) {
            return Optional.empty();
        }
        if (c.get().scheme().equalsIgnoreCase("basic")) {
            return credentials.find(host).map(Credential::basic);
        }
        return Optional.of("Bearer " + token(c.get(), scopes).token());
    }

    /**
     * A request was answered {@code 401}: learn what the host wants, so that the next {@link #header} carries it;
     * throws when the host needs a credential Ferry does not have, or refused the one it has.
     *
     * @param sent the {@code Authorization} value the refused request carried, if any
     */
    public void challenged(Response response, Collection<String> scopes, Optional<String> sent) {
        List<Challenge> all = response.challenges();
        Optional<Challenge> c = all.stream().filter(ch -> ch.scheme().equalsIgnoreCase("bearer")).findFirst()
                .or(() -> all.stream().filter(ch -> ch.scheme().equalsIgnoreCase("basic")).findFirst());
        if (c.isEmpty()) {
            throw new FerryException(host + " refused the request (HTTP 401) without saying how to log in", "check the registry URL");
        }
        challenge = c;
        if (c.get().scheme().equalsIgnoreCase("basic")) {
            Optional<Credential> cred = credentials.find(host);
            if (cred.isEmpty()) {
                throw new AuthorizationRefused(host + " needs a user name and password (Basic auth)", loginHint());
            }
            if (sent.isPresent() && sent.get().equals(cred.get().basic())) {
                throw new AuthorizationRefused(host + " refused the credential of user " + cred.get().username(), loginHint());
            }
        } else if (sent.isPresent() && sent.get().startsWith("Bearer ")) {
            tokens.remove(key(c.get(), scopes)); // refused (revoked, or expired early): the next header fetches a fresh one
        }
    }

    private BearerToken token(Challenge c, Collection<String> scopes) {
        String key = key(c, scopes);
        BearerToken t = tokens.get(key);
        if (t != null && t.fresh(clock.instant())) {
            return t;
        }
        synchronized (fetching.computeIfAbsent(key, k -> new Object())) {
            t = tokens.get(key);
            if (t != null && t.fresh(clock.instant())) {
                return t;
            }
            t = fetch(c, scopes);
            tokens.put(key, t);
            return t;
        }
    }

    private static String key(Challenge c, Collection<String> scopes) {
        return c.authParams().get("realm") + " " + c.authParams().get("service") + " " + String.join(" ", new TreeSet<>(scopes));
    }

    /** GET {@code realm?service=…&scope=…} (one {@code scope} per repository), with the host's credential when it has one. */
    private BearerToken fetch(Challenge c, Collection<String> scopes) {
        String realm = c.authParams().get("realm");
        HttpUrl url = realm == null ? null : HttpUrl.parse(realm);
        if (url == null) {
            throw new FerryException(host + " names no usable token server (realm '" + realm + "')", "check the registry URL");
        }
        HttpUrl.Builder b = url.newBuilder();
        Optional.ofNullable(c.authParams().get("service")).ifPresent(s -> b.addQueryParameter("service", s));
        new TreeSet<>(scopes).forEach(s -> b.addQueryParameter("scope", s));
        Request.Builder req = new Request.Builder().url(b.build()).header("User-Agent", HttpClient.USER_AGENT);
        Optional<Credential> cred = credentials.find(host);
        cred.ifPresent(cr -> req.header("Authorization", cr.basic()));
        try (Response r = http.call(req.build()).execute()) {
            if (r.code() == 401 || r.code() == 403) {
                throw new AuthorizationRefused("the token server of " + host + " refused " + (cred.isPresent() ? "the credential of user "
                        + cred.get().username() : "an anonymous pull") + " (HTTP " + r.code() + ")", loginHint());
            }
            if (!r.isSuccessful()) {
                throw new Unreachable(url.scheme() + "://" + url.host() + url.encodedPath(), NetworkFailure.status(r.code(), url.toString()),
                        "the registry's token server did not answer; run again later");
            }
            return parse(new String(Bodies.read(r.body(), MAX_TOKEN_RESPONSE, "a token response"), StandardCharsets.UTF_8), url.host());
        } catch (IOException e) {
            throw new Unreachable(url.toString(), NetworkFailure.of(e, url.toString()), "check the network path to " + url.host());
        }
    }

    private BearerToken parse(String json, String server) {
        Map<String, YamlNode> m = Yaml.parseJson(json, "the token from " + server).map("a token response");
        Optional<String> token = YamlNode.optString(m, "token").or(() -> YamlNode.optString(m, "access_token"));
        if (token.isEmpty() || token.get().isBlank()) {
            throw new FerryException(server + " answered without a token", "check the registry URL");
        }
        long seconds = m.containsKey("expires_in") ? m.get("expires_in").number("expires_in") : 60;
        return new BearerToken(token.get(), clock.instant().plus(Duration.ofSeconds(seconds)));
    }

    private String loginHint() {
        return "log in with 'docker login " + host + "' (Ferry reads ~/.docker/config.json), or check the user's rights on "
                + host.toLowerCase(Locale.ROOT);
    }
}
