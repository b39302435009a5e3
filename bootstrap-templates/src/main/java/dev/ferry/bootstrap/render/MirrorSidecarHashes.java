package dev.ferry.bootstrap.render;

import dev.ferry.error.NetworkFailure;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Sidecar;
import dev.ferry.mirror.layout.Layout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Reads an asset's sha256 from the mirror's {@code <key>.sha256} sidecar (written by {@code ferry mirror sync}
 * after the object was verified), trying the mirror URLs in order. Used at render time for lock entries whose
 * hash was to come from upstream, so the user-data still pins every hash. kOps layout only: legacy mirrors
 * hold sha1 sidecars, which nodes must not be asked to trust. A mirror that cannot be connected to is not asked
 * again for the other files (as the node script does). Not thread-safe: the renderer asks one asset at a time.
 */
public final class MirrorSidecarHashes implements AssetHashes {
    /** Failures that say the mirror is not there at all, rather than that one file is missing. */
    private static final Set<NetworkFailure.Kind> NO_CONNECTION = EnumSet.of(NetworkFailure.Kind.UNKNOWN_HOST,
            NetworkFailure.Kind.REFUSED, NetworkFailure.Kind.NO_ROUTE, NetworkFailure.Kind.TIMED_OUT);

    private final List<String> mirrors;
    private final Layout layout;
    private final HttpClient http;
    private final List<String> problems = new ArrayList<>();
    /** The first network failure of each mirror that had one, in the order tried. */
    private final Map<String, NetworkFailure> failedMirrors = new LinkedHashMap<>();
    /** Mirrors that could not be connected to: skipped from then on. */
    private final Set<String> dead = new java.util.HashSet<>();
    /** Assets whose hash stayed unknown while a mirror could not be reached: the mirror might have had it. */
    private final List<String> unknownBehindUnreachable = new ArrayList<>();

    /** @param client Ferry's HTTP client: HTTPS_PROXY and NO_PROXY apply as they do to downloads */
    public MirrorSidecarHashes(List<String> mirrorUrls, Layout layout, HttpClient client) {
        this.mirrors = mirrorUrls.stream().map(u -> MirrorUrls.check(u, "mirror URL")).toList();
        this.layout = layout;
        this.http = client;
    }

    @Override
    public Optional<Hash> sha256(Asset asset) {
        if (layout.sidecarAlgorithm() != HashAlgorithm.SHA256) {
            return Optional.empty();
        }
        String key = layout.sidecarKey(asset.key(layout));
        boolean missedOne = false;
        for (String mirror : mirrors) {
            if (dead.contains(mirror)) {
                missedOne = true;
                continue;
            }
            String url = mirror + "/" + key;
            try {
                Optional<Hash> h = read(url);
                if (h.isPresent()) {
                    return h;
                }
            } catch (IOException e) {
                NetworkFailure f = NetworkFailure.of(e, url);
                problems.add(url + ": " + f.describe());
                missedOne = true;
                failedMirrors.putIfAbsent(mirror, f);
                if (NO_CONNECTION.contains(f.kind())) {
                    dead.add(mirror);
                }
            }
        }
        if (missedOne) {
            unknownBehindUnreachable.add(asset.kind() + asset.arch().map(a -> " " + a.id()).orElse(""));
        }
        return Optional.empty();
    }

    /** The sidecar's sha256; empty (with the reason noted) for an answer that holds none. */
    private Optional<Hash> read(String url) throws IOException {
        Request req;
        try {
            req = new Request.Builder().url(url).header("User-Agent", HttpClient.USER_AGENT).get().build();
        } catch (IllegalArgumentException e) {
            problems.add(url + ": not a usable URL");
            return Optional.empty();
        }
        try (Response resp = http.call(req).execute()) {
            if (resp.code() != 200) {
                problems.add(url + ": HTTP " + resp.code());
                return Optional.empty();
            }
            // A sidecar is one line of hex; read at most a few KiB whatever the server sends (or leaves unsaid).
            String text = new String(resp.body().byteStream().readNBytes(4096), StandardCharsets.US_ASCII);
            Optional<Sidecar> sidecar = Sidecar.parse(text).filter(sc -> sc.hash().algorithm() == HashAlgorithm.SHA256);
            if (sidecar.isEmpty()) {
                problems.add(url + ": not a sha256 sidecar");
            }
            return sidecar.map(Sidecar::hash);
        }
    }

    /**
     * Fails when a hash asked for is still unknown and a mirror could not be reached for it: the user-data would
     * have to leave the file out, or the render would blame the mirror's contents for a network problem.
     *
     * @throws MirrorUnreachable naming those files and each mirror that could not be reached, with why
     */
    public void requireReachable() {
        if (unknownBehindUnreachable.isEmpty()) {
            return;
        }
        throw new MirrorUnreachable(unknownBehindUnreachable, failedMirrors);
    }

    /** What went wrong reading sidecars, for an error message. */
    public List<String> problems() {
        return List.copyOf(problems);
    }
}
