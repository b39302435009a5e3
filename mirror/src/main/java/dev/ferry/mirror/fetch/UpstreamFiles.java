package dev.ferry.mirror.fetch;

import dev.ferry.error.NetworkFailure;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.retry.RetryPolicy;
import java.io.IOException;
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
 * The small files upstream publishes beside an asset (checksum lists, signatures, certificates), read whole (at
 * most 1 MiB) once per run however many jobs ask at once, source mirrors first. The read happens outside any map
 * lock, so a slow server holds up only the assets that need that file.
 */
final class UpstreamFiles {
    static final int MAX_SIZE = 1 << 20;

    private final HttpClient http;
    private final RetryPolicy retry;
    private final RetryPolicy.RetryListener onRetry;
    /** Files by where they are read from (their candidate URLs in order): a list for many assets is read once. */
    private final Map<List<String>, CompletableFuture<Read>> read = new ConcurrentHashMap<>();

    /**
     * A file's bytes, or why none of its URLs gave them.
     *
     * @param last the failure of the last URL tried (the canonical one comes last), which decides the cause
     */
    record Read(Optional<byte[]> bytes, List<String> failures, Optional<NetworkFailure> last) {
        /** Whether the last URL tried answered that it has no such file (HTTP 404 or 410). */
        boolean missing() {
            return last.map(f -> f.kind() == NetworkFailure.Kind.HTTP_STATUS && (f.status() == 404 || f.status() == 410)).orElse(false);
        }
    }

    UpstreamFiles(HttpClient http, RetryPolicy retry, RetryPolicy.RetryListener onRetry) {
        this.http = http;
        this.retry = retry;
        this.onRetry = onRetry;
    }

    /** The file at {@code url} beside {@code asset}, from the first source that has it. */
    Read read(Asset asset, String url) {
        List<String> urls = sidecarSources(asset, url);
        CompletableFuture<Read> mine = new CompletableFuture<>();
        CompletableFuture<Read> theirs = read.putIfAbsent(urls, mine);
        if (theirs != null) {
            return theirs.join();
        }
        Read r = readFirst(urls);
        if (r.bytes().isEmpty()) {
            read.remove(urls, mine); // a later asking may try again
        }
        mine.complete(r);
        return r;
    }

    private Read readFirst(List<String> urls) {
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

    private byte[] readSmall(String url) throws SourceFailure {
        Request req = new Request.Builder().url(url).header("User-Agent", HttpClient.USER_AGENT).build();
        try (Response r = http.call(req).execute()) {
            if (!r.isSuccessful()) {
                throw SourceFailure.status(r.code(), url);
            }
            return readAtMost(r.body(), url);
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
        if (body.contentLength() > MAX_SIZE) {
            throw SourceFailure.permanent("the file is " + body.contentLength() + " bytes, over " + MAX_SIZE + " bytes", url);
        }
        okio.Buffer read = new okio.Buffer();
        while (body.source().read(read, 8192) != -1) {
            if (read.size() > MAX_SIZE) {
                throw SourceFailure.permanent("the file is over " + MAX_SIZE + " bytes", url);
            }
        }
        return read.readByteArray();
    }

    /**
     * Where a file beside the asset may be found: for each source of the asset, its URL moved the same way the
     * source moved the asset URL (a mirror of {@code …/kubelet} also holds {@code …/kubelet.sha256}).
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
