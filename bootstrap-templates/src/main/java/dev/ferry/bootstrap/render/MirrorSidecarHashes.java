package dev.ferry.bootstrap.render;

import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.layout.Layout;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads an asset's sha256 from the mirror's {@code <key>.sha256} sidecar (written by {@code ferry mirror sync}
 * after the object was verified), trying the mirror URLs in order. Used at render time for lock entries whose
 * hash was to come from upstream, so the user-data still pins every hash. kOps layout only: legacy mirrors
 * hold sha1 sidecars, which nodes must not be asked to trust.
 */
public final class MirrorSidecarHashes implements AssetHashes {
    private final List<String> mirrors;
    private final Layout layout;
    private final HttpClient http;
    private final List<String> problems = new ArrayList<>();

    public MirrorSidecarHashes(List<String> mirrorUrls, Layout layout) {
        this.mirrors = mirrorUrls.stream().map(u -> MirrorUrls.check(u, "mirror URL")).toList();
        this.layout = layout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    @Override
    public Optional<Hash> sha256(Asset asset) {
        if (layout.sidecarAlgorithm() != HashAlgorithm.SHA256) {
            return Optional.empty();
        }
        String key = layout.sidecarKey(asset.key(layout));
        for (String mirror : mirrors) {
            String url = mirror + "/" + key;
            try {
                HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build();
                HttpResponse<byte[]> resp = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
                if (resp.statusCode() != 200) {
                    problems.add(url + ": HTTP " + resp.statusCode());
                    continue;
                }
                String body = new String(resp.body(), StandardCharsets.US_ASCII).trim();
                String first = body.isEmpty() ? "" : body.split("\\s+")[0].toLowerCase(java.util.Locale.ROOT);
                if (first.matches("[0-9a-f]{64}")) {
                    return Optional.of(Hash.sha256(first));
                }
                problems.add(url + ": not a sha256 sidecar");
            } catch (IOException | IllegalArgumentException e) {
                problems.add(url + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** What went wrong reading sidecars, for an error message. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
