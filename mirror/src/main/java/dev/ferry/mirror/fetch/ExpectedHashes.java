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
    /** Checksum files by where they are read from (their candidate URLs in order): a list for many assets is read once. */
    private final Map<List<String>, CompletableFuture<Read>> read = new ConcurrentHashMap<>();

    /** A checksum file's text, or why none of its URLs gave it. */
    private record Read(Optional<String> text, List<String> failures, Optional<NetworkFailure> last) {}

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
        Read r = text(sidecarSources(asset, s.url()));
        if (r.text().isEmpty()) {
            // The last source decides the cause (the canonical one comes last, after source mirrors), as for downloads.
            boolean network = r.last().isPresent() && r.last().get().kind() != NetworkFailure.Kind.OTHER;
            throw new NoHashKnown(asset.url(), "its checksum file could not be read (" + String.join("; ", r.failures()) + ")",
                    network ? "nothing was published for it; check the network path to " + r.last().get().host() + " and run again"
                            : "nothing was published for it; check the checksum file's URL, or pin its sha256 in the manifest or the lock",
                    network ? r.last() : Optional.empty());
        }
        return ChecksumFile.parse(r.text().get(), s.format(), s.algorithm(), asset.url(), s.url());
    }

    /** The checksum file read from the first of {@code urls} that has it, once however many ask at the same time. */
    private Read text(List<String> urls) {
        CompletableFuture<Read> mine = new CompletableFuture<>();
        CompletableFuture<Read> theirs = read.putIfAbsent(urls, mine);
        if (theirs != null) {
            return theirs.join();
        }
        Read r = readChecksumFile(urls);
        if (r.text().isEmpty()) {
            read.remove(urls, mine); // a later asking may try again
        }
        mine.complete(r);
        return r;
    }

    private Read readChecksumFile(List<String> urls) {
        List<String> failures = new ArrayList<>();
        Optional<NetworkFailure> last = Optional.empty();
        for (String url : urls) {
            try {
                return new Read(Optional.of(retry.run(() -> readSmall(url), e -> e instanceof SourceFailure f && f.retryable(), onRetry)),
                        List.of(), Optional.empty());
            } catch (SourceFailure e) {
                failures.add(url + ": " + e.getMessage());
                last = Optional.of(e.failure());
            } catch (RuntimeException e) {
                failures.add(url + ": " + NetworkFailure.withoutClassNames(String.valueOf(e.getMessage())));
            }
        }
        return new Read(Optional.empty(), failures, last);
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
