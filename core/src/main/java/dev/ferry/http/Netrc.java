package dev.ferry.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okhttp3.Authenticator;
import okhttp3.Credentials;

/**
 * Credentials for upstream servers from {@code ~/.netrc} (or the file {@code NETRC} names), as curl and
 * wget read it: {@code machine HOST login USER password PASS}, and {@code default}. They answer a 401
 * once, for that host only, and never reach a lock, a log or a message (locks carry no secrets).
 */
public final class Netrc {
    private record Login(String user, String password) {}

    private final Map<String, Login> byHost;
    private final Optional<Login> fallback;

    private Netrc(Map<String, Login> byHost, Optional<Login> fallback) {
        this.byHost = byHost;
        this.fallback = fallback;
    }

    /** The file {@code NETRC} names, else {@code $HOME/.netrc}; none when it is absent or unreadable. */
    public static Netrc of(Map<String, String> env) {
        String named = env.get("NETRC");
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        Path file = named != null && !named.isBlank() ? Path.of(named) : Path.of(home, ".netrc");
        try {
            return Files.isRegularFile(file) ? parse(Files.readString(file, StandardCharsets.UTF_8)) : none();
        } catch (IOException | RuntimeException e) {
            return none(); // unreadable: no credentials, and the 401 says what the server wants
        }
    }

    public static Netrc none() {
        return new Netrc(Map.of(), Optional.empty());
    }

    public static Netrc parse(String text) {
        Map<String, Login> hosts = new HashMap<>();
        Optional<Login> fallback = Optional.empty();
        String[] t = text.trim().split("\\s+");
        String machine = null;
        boolean isDefault = false;
        String user = null;
        String password = null;
        for (int i = 0; i <= t.length; i++) {
            String word = i < t.length ? t[i] : "machine"; // a sentinel closes the last entry
            if (word.equals("machine") || word.equals("default") || word.equals("macdef")) {
                if ((machine != null || isDefault) && user != null && password != null) {
                    if (isDefault) {
                        fallback = Optional.of(new Login(user, password));
                    } else {
                        hosts.putIfAbsent(machine.toLowerCase(Locale.ROOT), new Login(user, password));
                    }
                }
                isDefault = word.equals("default");
                machine = word.equals("machine") && i + 1 < t.length ? t[++i] : null;
                user = null;
                password = null;
                if (word.equals("macdef")) {
                    break; // macros come last in practice; nothing Ferry needs follows
                }
            } else if (word.equals("login") && i + 1 < t.length) {
                user = t[++i];
            } else if (word.equals("password") && i + 1 < t.length) {
                password = t[++i];
            }
        }
        return new Netrc(Map.copyOf(hosts), fallback);
    }

    /** Answers a server's 401 with the host's login, once; a second 401 is the server's final word. */
    public Authenticator authenticator() {
        return (route, response) -> {
            if (response.request().header("Authorization") != null) {
                return null;
            }
            String host = response.request().url().host().toLowerCase(Locale.ROOT);
            Optional<Login> login = Optional.ofNullable(byHost.get(host)).or(() -> fallback);
            return login.map(l -> response.request().newBuilder()
                    .header("Authorization", Credentials.basic(l.user(), l.password(), StandardCharsets.UTF_8))
                    .build()).orElse(null);
        };
    }
}
