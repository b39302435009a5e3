package dev.ferry.bootstrap.render;

import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.error.NetworkFailure;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.asset.Sidecar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads an asset's sha256 from the mirror's {@code <key>.sha256} sidecar (written by {@code ferry mirror sync}
 * after the object was verified), trying the mirror URLs in order. Used at render time for lock entries whose
 * hash was to come from upstream, so the user-data still pins every hash. kOps layout only: legacy mirrors
 * hold sha1 sidecars, which nodes must not be asked to trust. Not thread-safe: the renderer asks one asset at a time.
 */
public final class MirrorSidecarHashes implements AssetHashes {
    private final List<String> mirrors;
    private final Layout layout;
    private final OkHttpClient http;
    private final List<String> problems = new ArrayList<>();
    private final List<NetworkFailure> unreachable = new ArrayList<>();

    /** @param client Ferry's HTTP client: HTTPS_PROXY and NO_PROXY apply as they do to downloads */
    public MirrorSidecarHashes(List<String> mirrorUrls, Layout layout, HttpClient client) {
        this.mirrors = mirrorUrls.stream().map(u -> MirrorUrls.check(u, "mirror URL")).toList();
        this.layout = layout;
        this.http = client.ok();
    }

    @Override
    public Optional<Hash> sha256(Asset asset) {
        if (layout.sidecarAlgorithm() != HashAlgorithm.SHA256) {
            return Optional.empty();
        }
        String key = layout.sidecarKey(asset.key(layout));
        for (String mirror : mirrors) {
            String url = mirror + "/" + key;
            Request req = new Request.Builder().url(url).header("User-Agent", HttpClient.USER_AGENT).get().build();
            try (Response resp = http.newCall(req).execute()) {
                if (resp.code() != 200) {
                    problems.add(url + ": HTTP " + resp.code());
                    continue;
                }
                // A sidecar is one line of hex; read at most a few KiB whatever the server sends (or leaves unsaid).
                String text = new String(resp.body().byteStream().readNBytes(4096), StandardCharsets.US_ASCII);
                Optional<Sidecar> sidecar = Sidecar.parse(text).filter(sc -> sc.hash().algorithm() == HashAlgorithm.SHA256);
                if (sidecar.isPresent()) {
                    return Optional.of(sidecar.get().hash());
                }
                problems.add(url + ": not a sha256 sidecar");
            } catch (IOException e) {
                NetworkFailure f = NetworkFailure.of(e, url);
                unreachable.add(f);
                problems.add(url + ": " + f.describe());
            } catch (IllegalArgumentException e) {
                problems.add(url + ": not a usable URL");
            }
        }
        return Optional.empty();
    }

    /** What went wrong reading sidecars, for an error message. */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** The network failures among the problems: a mirror nobody could reach, rather than a missing sidecar. */
    public List<NetworkFailure> unreachable() {
        return List.copyOf(unreachable);
    }
}
