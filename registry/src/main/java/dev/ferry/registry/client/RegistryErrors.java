package dev.ferry.registry.client;

import dev.ferry.error.FerryException;
import dev.ferry.error.NetworkFailure;
import dev.ferry.error.TargetRefused;
import dev.ferry.error.Unreachable;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Response;

/**
 * Turns a registry's failure answers into Ferry's error family: the status and the registry's own error codes
 * ({@code {"errors":[{"code":"NAME_UNKNOWN","message":…}]}}) become the detail; 5xx, 408 and 429 are worth
 * another attempt; a target's refusal is {@link TargetRefused}.
 */
final class RegistryErrors {
    private RegistryErrors() {}

    /** The failure a non-success answer to "{@code what}" means. */
    static FerryException of(Response r, Role role, String repository, String what) {
        String detail = detail(r);
        String host = r.request().url().port() == okhttp3.HttpUrl.defaultPort(r.request().url().scheme())
                ? r.request().url().host() : r.request().url().host() + ":" + r.request().url().port();
        NetworkFailure f = new NetworkFailure(NetworkFailure.Kind.HTTP_STATUS, host, r.code(), detail);
        String url = r.request().url().toString();
        if (f.transientFailure()) {
            return new Unreachable(url, f, "the registry is busy or failing; run again to resume");
        }
        if (role == Role.TARGET) {
            return new TargetRefused(repository, "cannot " + what + " in " + repository + ": " + f.describe(), targetHint(r.code(), detail, host), null);
        }
        return new Unreachable(url, f, r.code() == 404 ? "check the image name and tag, and the source mirror if one is set"
                : r.code() == 401 || r.code() == 403 ? "log in with 'docker login " + host + "' (Ferry reads ~/.docker/config.json)"
                : "check the source registry");
    }

    /** A transport failure of a request to {@code url}. */
    static Unreachable of(IOException e, String url) {
        return new Unreachable(url, NetworkFailure.of(e, url), "check the network path to the registry (--proxy, HTTPS_PROXY); run again to resume");
    }

    private static String targetHint(int status, String detail, String host) {
        if (detail.contains("NAME_UNKNOWN")) {
            return "the repository does not exist in the target: create it (Ferry creates ECR repositories itself), or use a registry that creates on push";
        }
        if (status == 401 || status == 403 || detail.contains("DENIED")) {
            return "check the credentials for " + host + " (docker login " + host + ") and that they may push there";
        }
        return "check the target registry and its logs";
    }

    /** "NAME_UNKNOWN: repository name not known to registry", or "" when the body says nothing readable. */
    static String detail(Response r) {
        if (r.body() == null) {
            return "";
        }
        String text = Bodies.text(r.body(), 16 * 1024).trim();
        if (!text.startsWith("{")) {
            return "";
        }
        try {
            Map<String, YamlNode> m = Yaml.parseJson(text, "an error").map("an error");
            YamlNode errors = m.get("errors");
            if (errors == null || !errors.isList()) {
                return "";
            }
            List<String> out = new ArrayList<>();
            for (YamlNode e : errors.list("errors")) {
                Map<String, YamlNode> em = e.map("an error");
                out.add(YamlNode.optString(em, "code").orElse("?") + YamlNode.optString(em, "message").map(s -> ": " + s).orElse(""));
            }
            return String.join("; ", out);
        } catch (FerryException e) {
            return "";
        }
    }
}
