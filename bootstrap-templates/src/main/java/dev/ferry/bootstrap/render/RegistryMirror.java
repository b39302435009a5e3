package dev.ferry.bootstrap.render;

import dev.ferry.error.FerryException;
import dev.ferry.format.ControlCharacters;
import java.util.regex.Pattern;

/**
 * "Pull images of {@code host} from {@code url} first": one containerd {@code hosts.toml} entry,
 * written {@code HOST=URL} (e.g. {@code docker.io=https://registry.example.cn}).
 */
public record RegistryMirror(String host, String url) {
    /** A registry name as containerd keys it: a DNS name with an optional port, or {@code _default}. */
    private static final Pattern HOST = Pattern.compile("_default|[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:[0-9]{1,5})?");

    public RegistryMirror {
        String hint = "write HOST=URL with a host like docker.io, registry.k8s.io or quay.io:443";
        if (host == null || !HOST.matcher(ControlCharacters.requireLine("the registry mirror host", host, hint)).matches()) {
            throw FerryException.badInput("registry mirror: " + ControlCharacters.quoted(host) + " is not a registry host name", hint);
        }
        MirrorUrls.check(url, "registry mirror URL for " + host);
    }

    /** Parses {@code HOST=URL}. */
    public static RegistryMirror parse(String text) {
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1) {
            throw FerryException.badInput("registry mirror " + ControlCharacters.quoted(text) + " is not HOST=URL",
                    "e.g. docker.io=https://registry.example.cn");
        }
        return new RegistryMirror(text.substring(0, eq).trim(), text.substring(eq + 1).trim());
    }

    /** The upstream server containerd falls back to; Docker Hub's API lives on registry-1.docker.io. */
    public String upstreamServer() {
        if (host.equals("docker.io")) {
            return "https://registry-1.docker.io";
        }
        return host.equals("_default") ? "" : "https://" + host;
    }
}
