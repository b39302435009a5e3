package dev.ferry.mirror.verify;

import dev.ferry.error.NetworkFailure;
import dev.ferry.http.HttpClient;
import dev.ferry.retry.RetryPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads the mirror the way kOps and nodes do: plain HTTP(S), no credentials, no redirects followed
 * (kOps's HTTP client gives up on S3's cross-region 301, so a redirect is reported, not chased). Requests go
 * through Ferry's one HTTP client, so HTTPS_PROXY and NO_PROXY apply as they do to downloads.
 */
final class AnonymousReader {
    /** A sidecar is a line of hex; more than this is not a sidecar. */
    private static final int MAX_SIDECAR = 4096;
    /** A connection the server closed before answering (a keep-alive race) is tried once more. */
    private static final RetryPolicy CLOSED_EARLY = RetryPolicy.exponential(1, Duration.ofMillis(50), Duration.ofMillis(50));

    /** What the server answered. */
    record Answer(int status, Optional<String> body, Optional<String> location, Optional<String> bucketRegion) {}

    private final OkHttpClient http;

    AnonymousReader(HttpClient client) {
        this.http = client.ok().newBuilder().followRedirects(false).followSslRedirects(false).build();
    }

    /** GETs a small text object (a sidecar) whole. */
    Answer text(String url) throws IOException {
        return get(url, false);
    }

    /** GETs the first byte of an object, as a ranged read; never downloads the rest. */
    Answer firstByte(String url) throws IOException {
        return get(url, true);
    }

    private Answer get(String url, boolean firstByte) throws IOException {
        return CLOSED_EARLY.run(() -> once(url, firstByte),
                e -> e instanceof IOException io && NetworkFailure.of(io, url).kind() == NetworkFailure.Kind.RESET, RetryPolicy.RetryListener.SILENT);
    }

    private Answer once(String url, boolean firstByte) throws IOException {
        Request.Builder req = new Request.Builder().url(url).header("User-Agent", HttpClient.USER_AGENT).get();
        if (firstByte) {
            req.header("Range", "bytes=0-0");
        }
        try (Response r = http.newCall(req.build()).execute()) {
            Optional<String> body = Optional.empty();
            try (InputStream in = r.body().byteStream()) {
                if (firstByte) {
                    in.read(); // a server that ignores Range would send everything: read one byte, then hang up
                } else if (r.code() == 200) {
                    body = Optional.of(new String(in.readNBytes(MAX_SIDECAR), StandardCharsets.UTF_8));
                }
            }
            return new Answer(r.code(), body, Optional.ofNullable(r.header("Location")), Optional.ofNullable(r.header("x-amz-bucket-region")));
        }
    }
}
