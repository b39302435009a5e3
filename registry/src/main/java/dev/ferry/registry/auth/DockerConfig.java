package dev.ferry.registry.auth;

import dev.ferry.error.FerryException;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Credentials from Docker's {@code config.json} ({@code docker login} writes them): its {@code auths} map,
 * each entry a base64 {@code user:password} in {@code auth} (or {@code username} and {@code password}). Keys may
 * be written {@code host}, {@code host:port} or {@code https://host/v1/}; Docker Hub answers to
 * {@code docker.io}, {@code index.docker.io} and {@code registry-1.docker.io}. Credential helpers
 * ({@code credsStore}, {@code credHelpers}) are not run: a host that only has one gets no credential here.
 */
public final class DockerConfig implements CredentialStore {
    private final Map<String, Credential> auths;
    private final Map<String, String> helpers;

    private DockerConfig(Map<String, Credential> auths, Map<String, String> helpers) {
        this.auths = Map.copyOf(auths);
        this.helpers = Map.copyOf(helpers);
    }

    /** The file Docker reads: {@code $DOCKER_CONFIG/config.json}, else {@code ~/.docker/config.json}. */
    public static Path defaultPath(Map<String, String> env) {
        String dir = env.get("DOCKER_CONFIG");
        return dir != null && !dir.isBlank() ? Path.of(dir, "config.json") : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }

    /** The credentials in {@code file}; none when it does not exist. */
    public static DockerConfig load(Path file) {
        if (!Files.isRegularFile(file)) {
            return new DockerConfig(Map.of(), Map.of());
        }
        YamlNode root = Yaml.readJson(file);
        Map<String, YamlNode> top = root.map("a Docker config");
        Map<String, Credential> auths = new LinkedHashMap<>();
        YamlNode a = top.get("auths");
        if (a != null && a.isMap()) {
            for (Map.Entry<String, YamlNode> e : a.map("auths").entrySet()) {
                credential(e.getValue(), file, e.getKey()).ifPresent(c -> auths.put(key(e.getKey()), c));
            }
        }
        Map<String, String> helpers = new LinkedHashMap<>();
        YamlNode h = top.get("credHelpers");
        if (h != null && h.isMap()) {
            h.map("credHelpers").forEach((k, v) -> helpers.put(key(k), v.string("a credential helper")));
        }
        return new DockerConfig(auths, helpers);
    }

    private static Optional<Credential> credential(YamlNode entry, Path file, String key) {
        Map<String, YamlNode> m = entry.map("an auths entry");
        Optional<String> auth = YamlNode.optString(m, "auth").filter(s -> !s.isBlank());
        if (auth.isPresent()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(auth.get().trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw FerryException.badInput(file + ": the auth of '" + key + "' is not base64", "run docker login " + key + " again");
            }
            int colon = decoded.indexOf(':');
            if (colon < 0) {
                throw FerryException.badInput(file + ": the auth of '" + key + "' is not user:password", "run docker login " + key + " again");
            }
            return Optional.of(new Credential(decoded.substring(0, colon), decoded.substring(colon + 1)));
        }
        Optional<String> user = YamlNode.optString(m, "username");
        Optional<String> pass = YamlNode.optString(m, "password");
        return user.isPresent() && pass.isPresent() ? Optional.of(new Credential(user.get(), pass.get())) : Optional.empty();
    }

    /** {@code https://index.docker.io/v1/} → {@code docker.io}; {@code https://host:5000/} → {@code host:5000}. */
    static String key(String raw) {
        String k = raw.trim().toLowerCase(Locale.ROOT);
        int scheme = k.indexOf("://");
        if (scheme >= 0) {
            k = k.substring(scheme + 3);
        }
        int slash = k.indexOf('/');
        if (slash >= 0) {
            k = k.substring(0, slash);
        }
        return k.equals("index.docker.io") || k.equals("registry-1.docker.io") ? "docker.io" : k;
    }

    @Override
    public Optional<Credential> find(String host) {
        return Optional.ofNullable(auths.get(key(host)));
    }

    /** The credential helper the config names for {@code host}, for a hint when no credential is found. */
    public Optional<String> helperFor(String host) {
        return Optional.ofNullable(helpers.get(key(host)));
    }
}
