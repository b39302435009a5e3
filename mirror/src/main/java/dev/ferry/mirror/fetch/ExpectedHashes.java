package dev.ferry.mirror.fetch;

import dev.ferry.error.NetworkFailure;
import dev.ferry.error.NoHashKnown;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.retry.RetryPolicy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The hash an asset must have: the lock's, or the one its upstream checksum file gives, read once per run
 * (source mirrors first) however many jobs ask at once. The read happens outside any map lock, so a slow
 * checksum server holds up only the assets that need that file.
 */
final class ExpectedHashes {
    private static final int MAX_CHECKSUM_FILE = 1 << 20;

    private final HttpClient http;
    private final RetryPolicy retry;
    private final RetryPolicy.RetryListener onRetry;
    private final Map<String, CompletableFuture<Hash>> read = new ConcurrentHashMap<>();

    ExpectedHashes(HttpClient http, RetryPolicy retry, RetryPolicy.RetryListener onRetry) {
        this.http = http;
        this.retry = retry;
        this.onRetry = onRetry;
    }

    Hash of(Asset asset) {
        if (asset.hash() instanceof ExpectedHash.Known k) {
            return k.hash();
        }
        return read(asset, (ExpectedHash.FromSidecar) asset.hash());
    }

    /** What the upstream checksum file {@code s} says the asset's hash is, whatever the lock pins. */
    Hash read(Asset asset, ExpectedHash.FromSidecar s) {
        CompletableFuture<Hash> mine = new CompletableFuture<>();
        CompletableFuture<Hash> theirs = read.putIfAbsent(asset.url(), mine);
        if (theirs != null) {
            return join(theirs);
        }
        try {
            Hash h = ChecksumFile.parse(readChecksumFile(asset, s.url()), s.format(), s.algorithm(), asset.url(), s.url());
            mine.complete(h);
            return h;
        } catch (RuntimeException e) {
            read.remove(asset.url(), mine); // a later asking may try again
            mine.completeExceptionally(e);
            throw e;
        }
    }

    private static Hash join(CompletableFuture<Hash> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }

    /** The text of an upstream checksum file, trying the asset's source mirrors first; fails when none has it. */
    private String readChecksumFile(Asset asset, String sidecarUrl) {
        List<String> failures = new ArrayList<>();
        Optional<NetworkFailure> last = Optional.empty();
        for (String url : sidecarSources(asset, sidecarUrl)) {
            try {
                return retry.run(() -> readSmall(url), e -> e instanceof SourceFailure f && f.retryable(), onRetry);
            } catch (SourceFailure e) {
                failures.add(url + ": " + e.getMessage());
                last = Optional.of(e.failure());
            }
        }
        // The last source decides the cause (the canonical one comes last, after source mirrors), as for downloads.
        boolean network = last.isPresent() && last.get().kind() != NetworkFailure.Kind.OTHER;
        throw new NoHashKnown(asset.url(), "its checksum file could not be read (" + String.join("; ", failures) + ")",
                network ? "nothing was published for it; check the network path to " + last.get().host() + " and run again"
                        : "nothing was published for it; check the checksum file's URL, or pin its sha256 in the manifest or the lock",
                network ? last : Optional.empty());
    }

    private String readSmall(String url) throws SourceFailure {
        Request req = new Request.Builder().url(url).header("User-Agent", HttpClient.USER_AGENT).build();
        try (Response r = http.ok().newCall(req).execute()) {
            if (!r.isSuccessful()) {
                throw SourceFailure.status(r.code(), url);
            }
            return new String(readAtMost(r.body(), url), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SourceFailure.permanent("not a usable URL", url);
        } catch (IOException e) {
            throw SourceFailure.of(e, url);
        }
    }

    /**
     * The whole body, up to 1 MiB. Gzip and chunked answers (OkHttp asks for gzip; proxies and CDNs chunk) have
     * no Content-Length, so the body is read to its end rather than to a length.
     */
    private static byte[] readAtMost(ResponseBody body, String url) throws IOException, SourceFailure {
        if (body.contentLength() > MAX_CHECKSUM_FILE) {
            throw SourceFailure.permanent("the checksum file is " + body.contentLength() + " bytes, over " + MAX_CHECKSUM_FILE + " bytes", url);
        }
        okio.Buffer read = new okio.Buffer();
        while (body.source().read(read, 8192) != -1) {
            if (read.size() > MAX_CHECKSUM_FILE) {
                throw SourceFailure.permanent("the checksum file is over " + MAX_CHECKSUM_FILE + " bytes", url);
            }
        }
        return read.readByteArray();
    }

    /**
     * Where the checksum file may be found: for each source of the asset, the sidecar URL moved the same
     * way the source moved the asset URL (a mirror of {@code …/kubelet} also holds {@code …/kubelet.sha256}).
     */
    static List<String> sidecarSources(Asset asset, String sidecarUrl) {
        List<String> out = new ArrayList<>();
        String url = asset.url();
        for (String source : asset.sources()) {
            int common = 0;
            while (common < url.length() && common < source.length()
                    && url.charAt(url.length() - 1 - common) == source.charAt(source.length() - 1 - common)) {
                common++;
            }
            String from = url.substring(0, url.length() - common);
            String to = source.substring(0, source.length() - common);
            String candidate = sidecarUrl.startsWith(from) ? to + sidecarUrl.substring(from.length()) : sidecarUrl;
            if (!out.contains(candidate)) {
                out.add(candidate);
            }
        }
        if (!out.contains(sidecarUrl)) {
            out.add(sidecarUrl);
        }
        return out;
    }
}
