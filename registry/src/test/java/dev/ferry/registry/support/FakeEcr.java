package dev.ferry.registry.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ferry.format.Json;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.registry.auth.Credential;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The ECR API calls Ferry makes (CreateRepository, GetAuthorizationToken, SetRepositoryPolicy), answered as
 * ECR's JSON 1.1 protocol does, with state: repositories exist once created, tokens expire. The OCI part is a
 * real registry behind a {@link RegistryProxy} that accepts only this fake's live tokens.
 */
public final class FakeEcr implements AutoCloseable {
    private final HttpServer server;
    private final Duration tokenLife;
    private final java.time.Clock clock;
    private final Set<String> repositories = ConcurrentHashMap.newKeySet();
    private final Map<String, String> policies = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();

    private FakeEcr(Duration tokenLife, java.time.Clock clock) throws IOException {
        this.tokenLife = tokenLife;
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Tokens live {@code tokenLife} by {@code clock}. */
    public static FakeEcr start(Duration tokenLife, java.time.Clock clock) throws IOException {
        return new FakeEcr(tokenLife, clock);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Whether an {@code Authorization} header carries a token this fake issued that has not expired. */
    public boolean valid(String authorization) {
        for (Map.Entry<String, Instant> t : tokens.entrySet()) {
            if (authorization.equals(new Credential("AWS", t.getKey()).basic())) {
                return clock.instant().isBefore(t.getValue());
            }
        }
        return false;
    }

    public boolean exists(String repository) {
        return repositories.contains(repository);
    }

    public Set<String> repositories() {
        return Set.copyOf(repositories);
    }

    public Map<String, String> policies() {
        return Map.copyOf(policies);
    }

    public int tokensIssued() {
        return issued.get();
    }

    /** The operations called, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String target = String.valueOf(ex.getRequestHeaders().getFirst("X-Amz-Target"));
            String op = target.substring(target.indexOf('.') + 1);
            calls.add(op);
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, YamlNode> in = body.isBlank() ? Map.of() : Yaml.parseJson(body, "request").map("request");
            String repo = YamlNode.optString(in, "repositoryName").orElse("");
            switch (op) {
                case "CreateRepository" -> {
                    if (!repositories.add(repo)) {
                        answer(ex, 400, Map.of("__type", "RepositoryAlreadyExistsException", "message", "The repository with name '" + repo
                                + "' already exists in the registry with id '123456789012'"));
                        return;
                    }
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("repositoryArn", "arn:aws-cn:ecr:cn-north-1:123456789012:repository/" + repo);
                    r.put("registryId", "123456789012");
                    r.put("repositoryName", repo);
                    r.put("repositoryUri", "123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/" + repo);
                    answer(ex, 200, Map.of("repository", r));
                }
                case "GetAuthorizationToken" -> {
                    String token = "tok-" + issued.incrementAndGet();
                    Instant expires = clock.instant().plus(tokenLife);
                    tokens.put(token, expires);
                    answer(ex, 200, Map.of("authorizationData", List.of(Map.of(
                            "authorizationToken", Base64.getEncoder().encodeToString(("AWS:" + token).getBytes(StandardCharsets.UTF_8)),
                            "expiresAt", expires.toEpochMilli() / 1000.0,
                            "proxyEndpoint", "https://123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn"))));
                }
                case "SetRepositoryPolicy" -> {
                    policies.put(repo, YamlNode.optString(in, "policyText").orElse(""));
                    answer(ex, 200, Map.of("registryId", "123456789012", "repositoryName", repo));
                }
                default -> answer(ex, 400, Map.of("__type", "UnknownOperationException", "message", op));
            }
        }
    }

    private static void answer(HttpExchange ex, int status, Map<String, ?> json) throws IOException {
        byte[] bytes = Json.write(json).getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
