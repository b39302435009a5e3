package dev.ferry.mirror.verify;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * Reads the mirror the way kOps and nodes do: plain HTTP(S), no credentials, no redirects followed
 * (kOps's HTTP client gives up on S3's cross-region 301, so a redirect is reported, not chased).
 */
final class AnonymousReader {
    /** A sidecar is a line of hex; more than this is not a sidecar. */
    private static final int MAX_SIDECAR = 4096;

    /** What the server answered. */
    record Answer(int status, Optional<String> body, Optional<String> location, Optional<String> bucketRegion) {}

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    /** GETs a small text object (a sidecar) whole. */
    Answer text(String url) throws IOException, InterruptedException {
        return get(url, false);
    }

    /** GETs the first byte of an object, as a ranged read; never downloads the rest. */
    Answer firstByte(String url) throws IOException, InterruptedException {
        return get(url, true);
    }

    private Answer get(String url, boolean firstByte) throws IOException, InterruptedException {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET();
        if (firstByte) {
            req.header("Range", "bytes=0-0");
        }
        HttpResponse<InputStream> r = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        Optional<String> body = Optional.empty();
        try (InputStream in = r.body()) {
            if (firstByte) {
                in.read(); // a server that ignores Range would send everything: read one byte, then hang up
            } else if (r.statusCode() == 200) {
                byte[] bytes = in.readNBytes(MAX_SIDECAR);
                body = Optional.of(new String(bytes, StandardCharsets.UTF_8));
            }
        }
        return new Answer(r.statusCode(), body, r.headers().firstValue("Location"), r.headers().firstValue("x-amz-bucket-region"));
    }
}
