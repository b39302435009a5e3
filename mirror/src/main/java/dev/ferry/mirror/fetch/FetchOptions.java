package dev.ferry.mirror.fetch;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How the verified fetch downloads.
 *
 * @param cache        the content-addressed cache folder (verified files and partial downloads)
 * @param proxy        an explicit proxy URL ({@code --proxy}); empty to use HTTPS_PROXY / HTTP_PROXY / NO_PROXY
 * @param retries      further attempts per source after the first, for timeouts, resets and 5xx
 * @param backoff      the first retry's delay; doubled each time (with jitter), capped at 30 s
 * @param readTimeout  how long a read may block before the attempt counts as timed out
 * @param connections  how many connections to keep per host (about the number of parallel jobs)
 * @param environment  where HTTPS_PROXY and friends, NETRC and HOME (for ~/.netrc) are read from (the process environment in the CLI)
 */
public record FetchOptions(Path cache, Optional<String> proxy, int retries, Duration backoff, Duration readTimeout,
                           int connections, Map<String, String> environment) {
    public FetchOptions {
        Objects.requireNonNull(cache, "cache");
        Objects.requireNonNull(proxy, "proxy");
        Objects.requireNonNull(backoff, "backoff");
        Objects.requireNonNull(readTimeout, "readTimeout");
        environment = Map.copyOf(environment);
        if (retries < 0 || connections < 1) {
            throw new IllegalArgumentException("retries >= 0 and connections >= 1");
        }
    }

    /** Sensible defaults around a cache folder: 4 retries from 1 s, 60 s read timeout, no environment. */
    public static FetchOptions defaults(Path cache) {
        return new FetchOptions(cache, Optional.empty(), 4, Duration.ofSeconds(1), Duration.ofSeconds(60), 8, Map.of());
    }

    /** {@code $XDG_CACHE_HOME/ferry}, else {@code ~/.cache/ferry}. */
    public static Path defaultCacheDir(Map<String, String> env) {
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg, "ferry");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "ferry");
    }
}
