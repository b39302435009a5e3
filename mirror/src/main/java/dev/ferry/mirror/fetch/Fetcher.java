package dev.ferry.mirror.fetch;

import dev.ferry.http.ProxySettings;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.SourceUrl;
import dev.ferry.mirror.progress.Progress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.EnumSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The verified fetch: turns an {@link Asset} into a file in the {@link ContentCache} whose bytes
 * match the expected hash, or fails saying which URL, which hash was expected and which was found.
 *
 * <p>Sources are tried in the asset's order (source mirrors first). Each source gets retries with
 * exponential backoff and jitter on timeouts, resets and 5xx; an interrupted body resumes with
 * {@code Range} into the partial file. sha256 (and md5, sha1 when asked) are computed in the same
 * pass that writes the bytes. Nothing enters the cache unverified, so nothing unverified is published.
 */
public final class Fetcher implements AutoCloseable {
    private static final int BUFFER = 256 * 1024;
    private static final int MAX_CHECKSUM_FILE = 1 << 20;

    private final FetchOptions options;
    private final ContentCache cache;
    private final Progress progress;
    private final ProxySettings proxy;
    // Built on first use: a run where every asset is already published makes no request, and building
    // the client (TLS trust store included) is a quarter of a no-op re-sync's start-up.
    private volatile OkHttpClient http;
    private final Backoff backoff;
    private final Map<String, Object> inFlight = new ConcurrentHashMap<>();
    private final Map<String, Hash> expected = new ConcurrentHashMap<>();
    /** Files this run downloaded or re-read itself: no need to read them again. */
    private final java.util.Set<Path> verified = ConcurrentHashMap.newKeySet();
    private final java.util.Set<String> warnedHosts = ConcurrentHashMap.newKeySet();

    public Fetcher(FetchOptions options, Progress progress) {
        this.options = options;
        this.cache = new ContentCache(options.cache());
        this.progress = progress;
        this.proxy = ProxySettings.of(options.proxy(), options.environment());
        this.backoff = new Backoff(options.backoff(), Duration.ofSeconds(30));
    }

    private OkHttpClient http() {
        OkHttpClient client = http;
        if (client == null) {
            synchronized (this) {
                if (http == null) {
                    http = newClient();
                }
                client = http;
            }
        }
        return client;
    }

    private OkHttpClient newClient() {
        Duration connect = options.readTimeout().compareTo(Duration.ofSeconds(30)) < 0 ? options.readTimeout() : Duration.ofSeconds(30);
        return new OkHttpClient.Builder()
                .connectionPool(new ConnectionPool(options.connections(), 5, TimeUnit.MINUTES))
                .connectTimeout(connect)
                .readTimeout(options.readTimeout())
                .writeTimeout(options.readTimeout())
                .followRedirects(true)
                .followSslRedirects(true)
                .proxySelector(proxy)
                .proxyAuthenticator(proxy.authenticator())
                .authenticator(Netrc.of(options.environment()).authenticator()) // upstream logins: ~/.netrc, never the lock
                .build();
    }

    public ContentCache cache() {
        return cache;
    }

    /** How downloads leave this machine, for the start-of-run line: "direct" or "proxy http://host:port". */
    public String network() {
        return proxy.describe();
    }

    /**
     * The hash the asset must have: the lock's, or the one its upstream checksum file gives (read once
     * per run, source mirrors first). Fails when no hash can be established.
     */
    public Hash expectedHash(Asset asset) {
        if (asset.hash() instanceof ExpectedHash.Known k) {
            return k.hash();
        }
        ExpectedHash.FromSidecar s = (ExpectedHash.FromSidecar) asset.hash();
        return expected.computeIfAbsent(asset.url(), u -> {
            String text = readChecksumFile(asset, s.url());
            return ChecksumFile.parse(text, s.format(), s.algorithm(), asset.url(), s.url());
        });
    }

    /**
     * The verified file for {@code asset}: from the cache when it holds it, else downloaded and verified.
     *
     * @param also digests wanted besides sha256 (sha1 for the legacy layout, md5 for S3), computed in the same pass
     */
    public CachedFile fetch(Asset asset, Set<HashAlgorithm> also) {
        warnAbout(asset.sources());
        Hash want = expectedHash(asset);
        Set<HashAlgorithm> wanted = EnumSet.noneOf(HashAlgorithm.class);
        wanted.addAll(also);
        wanted.add(want.algorithm());
        wanted.remove(HashAlgorithm.SHA256);
        Object lock = inFlight.computeIfAbsent(want.toString(), k -> new Object());
        synchronized (lock) {
            Optional<CachedFile> hit = cached(want, wanted);
            if (hit.isPresent()) {
                return hit.get();
            }
            try (PartialLock owner = cache.lockPartial(want, () -> progress.note("waiting for another Ferry run that is downloading "
                    + asset.url() + " into the cache " + cache.root()))) {
                hit = cached(want, wanted); // the other run may have finished it while this one waited
                return hit.isPresent() ? hit.get() : download(asset, want, wanted);
            }
        }
    }

    /** The cached file, re-read once per run (disks and people change files), or empty when absent or damaged. */
    private Optional<CachedFile> cached(Hash want, Set<HashAlgorithm> wanted) {
        Optional<CachedFile> hit = cache.find(want);
        boolean missing = hit.isPresent() && !hit.get().digests().covers(wanted);
        if (hit.isPresent() && (verified.add(hit.get().path()) || missing)) {
            Set<HashAlgorithm> all = EnumSet.noneOf(HashAlgorithm.class);
            all.addAll(wanted);
            hit.get().digests().md5().ifPresent(h -> all.add(HashAlgorithm.MD5));
            hit.get().digests().sha1().ifPresent(h -> all.add(HashAlgorithm.SHA1));
            Digests now = rehash(hit.get().path(), all);
            if (!now.sha256().equals(hit.get().digests().sha256()) || now.size() != hit.get().digests().size()) {
                progress.note("cache entry " + hit.get().path() + " is damaged (" + now.sha256() + "); downloading again");
                deleteQuietly(hit.get().path());
                verified.remove(hit.get().path());
                return Optional.empty();
            }
            if (!hit.get().digests().covers(all)) {
                return Optional.of(cache.update(hit.get(), now));
            }
        }
        return hit;
    }

    /** Says once per host when a source is link-local or a cloud metadata address ({@link SourceUrl#warning}). */
    private void warnAbout(List<String> urls) {
        for (String url : urls) {
            SourceUrl.warning(url).filter(w -> warnedHosts.add(SourceUrl.host(url))).ifPresent(w -> progress.note("warning: " + w));
        }
    }

    /** For a dry run: the reason no source answers, or empty when one does (a HEAD request each, no retries). */
    public Optional<String> unreachable(Asset asset) {
        List<String> reasons = new ArrayList<>();
        warnAbout(asset.sources());
        for (String url : asset.sources()) {
            try (Response r = http().newCall(new Request.Builder().url(url).head().header("User-Agent", userAgent()).build()).execute()) {
                if (r.isSuccessful()) {
                    return Optional.empty();
                }
                reasons.add(url + ": HTTP " + r.code());
            } catch (IOException | IllegalArgumentException e) {
                reasons.add(url + ": " + describe(e));
            }
        }
        return Optional.of(String.join("; ", reasons));
    }

    private CachedFile download(Asset asset, Hash want, Set<HashAlgorithm> also) {
        List<String> failures = new ArrayList<>();
        for (String url : asset.sources()) {
            Optional<CachedFile> done = fromSource(url, asset, want, also, failures);
            if (done.isPresent()) {
                return done.get();
            }
        }
        boolean mismatch = failures.stream().anyMatch(f -> f.contains(" mismatch for "));
        throw new FerryException(failures.size() == 1 ? failures.get(0) : "cannot fetch " + asset.url() + ": " + String.join("; ", failures),
                mismatch ? "the file upstream is not the one the lock expects; nothing was published. Check the lock's hash and the source, then run again"
                        : "check the network path (--proxy, HTTPS_PROXY) and the URL; run again to resume");
    }

    /**
     * The verified file from one source, or empty with the reason added to {@code failures}. A file pieced
     * together by resuming (after a reset, or from an earlier run's partial) that fails its hash may hold bad
     * bytes from the first piece only: the source gets one more try from byte 0 before it is given up.
     */
    private Optional<CachedFile> fromSource(String url, Asset asset, Hash want, Set<HashAlgorithm> also, List<String> failures) {
        Path part = cache.partial(want);
        long expectedSize = asset.size().isPresent() ? asset.size().getAsLong() : -1;
        boolean fromZero = false;
        while (true) {
            Received got;
            try {
                got = retrying(url, () -> transfer(url, part, also, expectedSize));
            } catch (Permanent e) {
                failures.add(url + ": " + e.getMessage());
                return Optional.empty();
            }
            Optional<Hash> actual = got.digests().get(want.algorithm());
            if (actual.isPresent() && actual.get().equals(want) && (expectedSize < 0 || expectedSize == got.digests().size())) {
                CachedFile done = cache.commit(part, got.digests());
                verified.add(done.path());
                return Optional.of(done);
            }
            deleteQuietly(part); // never resume into bytes that failed verification
            if (got.resumed() && !fromZero) {
                fromZero = true;
                progress.note("the resumed download of " + url + " does not match its hash; downloading it once more from byte 0");
                continue;
            }
            failures.add(want.algorithm() + " mismatch for " + url + ": expected " + want.hex() + ", got "
                    + actual.map(Hash::hex).orElse("?") + " (" + got.digests().size() + " bytes"
                    + (expectedSize >= 0 ? ", expected " + expectedSize : "") + ")");
            return Optional.empty();
        }
    }

    /** What one successful attempt wrote: the digests of the whole file, and whether it continued an earlier piece. */
    private record Received(Digests digests, boolean resumed) {}

    /** One attempt: GET (with Range when a partial file exists), streaming into the partial file while hashing. */
    private Received transfer(String url, Path part, Set<HashAlgorithm> also, long expectedSize) throws Retryable, Permanent {
        long have = size(part);
        if (expectedSize >= 0 && have > expectedSize) {
            deleteQuietly(part);
            have = 0;
        }
        Request.Builder req = new Request.Builder().url(url)
                .header("User-Agent", userAgent())
                .header("Accept-Encoding", "identity"); // the bytes as published, so hashes and Range offsets agree
        if (have > 0) {
            req.header("Range", "bytes=" + have + "-");
        }
        Response resp;
        try {
            resp = http().newCall(req.build()).execute();
        } catch (IllegalArgumentException e) {
            throw new Permanent("not a usable URL");
        } catch (java.net.UnknownHostException | java.net.ConnectException e) {
            throw new Permanent(describe(e)); // nobody there: retrying the same source will not help, the next source might
        } catch (IOException e) {
            throw new Retryable(describe(e));
        }
        try (resp) {
            int code = resp.code();
            if (code == 416 && have > 0) {
                deleteQuietly(part);
                throw new Retryable("the server refused to resume (HTTP 416); starting over");
            }
            if (code >= 500 || code == 408 || code == 429) {
                throw new Retryable("HTTP " + code);
            }
            if (code != 200 && code != 206) {
                throw new Permanent("HTTP " + code);
            }
            long from = 0;
            if (code == 206) {
                from = rangeStart(resp.header("Content-Range"));
                if (from != have) {
                    deleteQuietly(part);
                    throw new Retryable("the server resumed at the wrong offset; starting over");
                }
            }
            ResponseBody body = resp.body();
            try (InputStream in = body.byteStream()) {
                return new Received(write(in, part, from, also), from > 0);
            } catch (IOException e) {
                throw new Retryable(describe(e));
            }
        }
    }

    /** Appends {@code in} to the first {@code keep} bytes of {@code part}, hashing everything in one pass. */
    private Digests write(InputStream in, Path part, long keep, Set<HashAlgorithm> also) throws IOException {
        Files.createDirectories(part.getParent());
        RunningDigests digests = new RunningDigests(also);
        byte[] buf = new byte[BUFFER];
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ch.truncate(keep);
            // Resume: the kept prefix is hashed from disk so the digests cover every byte of the file.
            ByteBuffer kept = ByteBuffer.wrap(buf);
            ch.position(0);
            while (digests.size() < keep) {
                kept.clear().limit((int) Math.min(buf.length, keep - digests.size()));
                int n = ch.read(kept);
                if (n < 0) {
                    break;
                }
                digests.update(buf, 0, n);
            }
            ch.position(digests.size());
            // Whole buffers: one write and one digest update per 256 KiB, not per 8 KiB network segment.
            // Bytes that arrived before a connection broke are still written, so the next attempt resumes after them.
            boolean eof = false;
            while (!eof) {
                int filled = 0;
                IOException broken = null;
                try {
                    while (filled < buf.length) {
                        int n = in.read(buf, filled, buf.length - filled);
                        if (n < 0) {
                            eof = true;
                            break;
                        }
                        filled += n;
                    }
                } catch (IOException e) {
                    broken = e;
                }
                ByteBuffer bb = ByteBuffer.wrap(buf, 0, filled);
                while (bb.hasRemaining()) {
                    ch.write(bb);
                }
                digests.update(buf, 0, filled);
                progress.transferred(filled);
                if (broken != null) {
                    ch.force(false);
                    throw broken;
                }
            }
            ch.force(false);
        }
        return digests.digests();
    }

    private Digests rehash(Path file, Set<HashAlgorithm> also) {
        try {
            return RunningDigests.of(file, also, BUFFER);
        } catch (IOException e) {
            throw new FerryException("cannot read the cached file " + file + ": " + e.getMessage(), "delete it and run again");
        }
    }

    /** The text of an upstream checksum file, trying the asset's source mirrors first; fails when none has it. */
    private String readChecksumFile(Asset asset, String sidecarUrl) {
        List<String> failures = new ArrayList<>();
        warnAbout(sidecarSources(asset, sidecarUrl));
        for (String url : sidecarSources(asset, sidecarUrl)) {
            try {
                return retrying(url, () -> readSmall(url));
            } catch (Permanent e) {
                failures.add(url + ": " + e.getMessage());
            }
        }
        throw new FerryException("cannot establish the expected hash of " + asset.url() + ": its checksum file could not be read ("
                + String.join("; ", failures) + ")",
                "nothing was published for it; pin its sha256 in the manifest or lock, or check the URL and the network path");
    }

    private String readSmall(String url) throws Retryable, Permanent {
        Request req = new Request.Builder().url(url).header("User-Agent", userAgent()).build();
        try (Response r = http().newCall(req).execute()) {
            if (r.code() >= 500 || r.code() == 408 || r.code() == 429) {
                throw new Retryable("HTTP " + r.code());
            }
            if (!r.isSuccessful()) {
                throw new Permanent("HTTP " + r.code());
            }
            return new String(readAtMost(r.body(), MAX_CHECKSUM_FILE), StandardCharsets.UTF_8);
        } catch (java.io.EOFException e) {
            throw new Retryable("the checksum file ended early");
        } catch (IllegalArgumentException e) {
            throw new Permanent("not a usable URL");
        } catch (java.net.UnknownHostException | java.net.ConnectException e) {
            throw new Permanent(describe(e));
        } catch (IOException e) {
            throw new Retryable(describe(e));
        }
    }

    /**
     * The whole body, up to {@code max} bytes. Gzip and chunked answers (OkHttp asks for gzip; proxies and
     * CDNs chunk) have no Content-Length, so the body is read to its end rather than to a length.
     */
    private static byte[] readAtMost(ResponseBody body, int max) throws IOException, Permanent {
        if (body.contentLength() > max) {
            throw new Permanent("the checksum file is " + body.contentLength() + " bytes, over " + max + " bytes");
        }
        okio.Buffer read = new okio.Buffer();
        while (body.source().read(read, 8192) != -1) {
            if (read.size() > max) {
                throw new Permanent("the checksum file is over " + max + " bytes");
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

    private static long rangeStart(String contentRange) {
        // "bytes 100-999/1000"
        if (contentRange == null || !contentRange.startsWith("bytes ")) {
            return -1;
        }
        try {
            return Long.parseLong(contentRange.substring(6, contentRange.indexOf('-')));
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String describe(Exception e) {
        String name = e instanceof java.net.SocketTimeoutException ? "timed out"
                : e instanceof java.net.ConnectException ? "connection refused"
                : e instanceof java.net.UnknownHostException ? "unknown host"
                : e.getClass().getSimpleName();
        String msg = e.getMessage();
        return msg == null || msg.isBlank() || name.equals("timed out") ? name : name + " (" + msg + ")";
    }

    private static String userAgent() {
        return "ferry/0.1.0";
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FerryException("interrupted");
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException e) {
            // a stale partial is re-validated on the next attempt
        }
    }

    @Override
    public void close() {
        OkHttpClient client = http;
        if (client != null) {
            client.dispatcher().executorService().shutdown();
            client.connectionPool().evictAll();
        }
    }

    /** One try at a source. */
    private interface Attempt<T> {
        T run() throws Retryable, Permanent;
    }

    /**
     * Runs {@code attempt} until it succeeds, fails permanently, or has failed {@code retries + 1} times,
     * sleeping with exponential backoff and jitter between tries.
     */
    private <T> T retrying(String url, Attempt<T> attempt) throws Permanent {
        for (int n = 1; ; n++) {
            try {
                return attempt.run();
            } catch (Retryable e) {
                if (n > options.retries()) {
                    throw new Permanent(e.getMessage() + " (gave up after " + n + " attempts)");
                }
                Duration delay = backoff.delay(n);
                progress.note("retrying " + url + " in " + delay.toMillis() / 1000.0 + " s: " + e.getMessage());
                sleep(delay);
            }
        }
    }

    /** A failure worth another attempt at the same source: timeout, reset, 5xx. */
    private static final class Retryable extends Exception {
        private static final long serialVersionUID = 1L;

        Retryable(String message) {
            super(message, null, false, false);
        }
    }

    /** A failure another attempt at the same source will not fix: 404, 403, a bad URL. */
    private static final class Permanent extends Exception {
        private static final long serialVersionUID = 1L;

        Permanent(String message) {
            super(message, null, false, false);
        }
    }
}
