package dev.ferry.mirror.fetch;

import dev.ferry.error.HashMismatch;
import dev.ferry.error.NetworkFailure;
import dev.ferry.error.NoHashKnown;
import dev.ferry.error.Unreachable;
import dev.ferry.http.HttpClient;
import dev.ferry.http.Netrc;
import dev.ferry.http.ProxySettings;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.SignatureStatus;
import dev.ferry.mirror.asset.SignedBy;
import dev.ferry.mirror.asset.SourceUrl;
import dev.ferry.mirror.signature.SignaturePolicy;
import dev.ferry.mirror.signature.TrustedSigners;
import dev.ferry.progress.Progress;
import dev.ferry.retry.RetryPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The verified fetch: turns an {@link Asset} into a file in the {@link ContentCache} whose bytes
 * match the expected hash, or fails saying which URL, which hash was expected and which was found.
 *
 * <p>Sources are tried in the asset's order (source mirrors first). Each source gets retries with
 * exponential backoff and jitter on timeouts, resets and 5xx ({@link RetryPolicy}); an interrupted body resumes
 * with {@code Range} into the partial file ({@link RangedDownload}). Nothing enters the cache unverified, so
 * nothing unverified is published. The pieces: {@link ExpectedHashes} (what the bytes must hash to),
 * {@link RunCache} (what the cache already holds), {@link RangedDownload} (one attempt at one URL).
 */
public final class Fetcher implements AutoCloseable {
    private final RunCache cache;
    private final Progress progress;
    private final HttpClient http;
    private final RetryPolicy retry;
    private final ExpectedHashes expected;
    private final AssetSignatures signatures;
    private final RangedDownload download;
    private final Map<String, Object> inFlight = new ConcurrentHashMap<>();
    private final Set<String> warnedHosts = ConcurrentHashMap.newKeySet();

    /** A fetcher that verifies what upstream signs ({@code --verify-signatures available}) against the signers Ferry ships. */
    public Fetcher(FetchOptions options, Progress progress) {
        this(options, SignaturePolicy.AVAILABLE, TrustedSigners::upstream, progress);
    }

    /**
     * @param policy what to do where upstream signs and where it does not ({@code --verify-signatures})
     * @param trust  the keyrings and sigstore signers a lock may name by name, asked for only when an asset is signed
     *               (reading them loads the OpenPGP and X.509 code, a good part of a no-op re-sync's start)
     */
    public Fetcher(FetchOptions options, SignaturePolicy policy, Supplier<TrustedSigners> trust, Progress progress) {
        this.cache = new RunCache(new ContentCache(options.cache()), progress);
        this.progress = progress;
        Duration connect = options.readTimeout().compareTo(Duration.ofSeconds(30)) < 0 ? options.readTimeout() : Duration.ofSeconds(30);
        this.http = new HttpClient(new HttpClient.Settings(ProxySettings.of(options.proxy(), options.environment()), connect,
                options.readTimeout(), options.connections(), Netrc.of(options.environment())));
        this.retry = RetryPolicy.exponential(options.retries(), options.backoff(), Duration.ofSeconds(30));
        UpstreamFiles files = new UpstreamFiles(http, retry, (n, delay, e) -> progress.info("retrying in " + delay.toMillis() / 1000.0
                + " s: " + e.getMessage()));
        this.signatures = new AssetSignatures(policy, trust, files);
        this.expected = new ExpectedHashes(files, signatures::checksumText);
        this.download = new RangedDownload(http, progress);
    }

    public ContentCache cache() {
        return cache.cache();
    }

    /** Where this fetcher reports: the run's progress tree, which the work that uses the fetcher reports into too. */
    public Progress progress() {
        return progress;
    }

    /** How downloads leave this machine, for the start-of-run line: "direct" or "proxy http://host:port". */
    public String network() {
        return http.route();
    }

    /**
     * The hash the asset must have: the lock's, or the one its upstream checksum file gives (read once
     * per run, source mirrors first). Fails when no hash can be established.
     */
    public Hash expectedHash(Asset asset) {
        warnAbout(asset.sources());
        return expected.of(asset);
    }

    /**
     * What the asset's upstream checksum file says its hash is (read once per run, source mirrors first), whatever
     * the lock pins: what {@code plan --resolve} pins and {@code lock verify --online} compares. Fails when the
     * asset names no checksum file, or it cannot be read.
     */
    public Hash upstreamHash(Asset asset) {
        warnAbout(asset.sources());
        ExpectedHash.FromSidecar sidecar = asset.hash().upstreamSidecar().orElseThrow(() -> new NoHashKnown(asset.url(),
                "the lock names no upstream checksum file for it", "its pinned hash is the only one Ferry knows"));
        return expected.read(asset, sidecar);
    }

    /** What this fetcher does where upstream signs ({@code --verify-signatures}). */
    public SignaturePolicy signaturePolicy() {
        return signatures.policy();
    }

    /**
     * Every upstream signature of the asset ({@code signedBy}), checked over its verified file: call it after
     * {@link #fetch} and before publishing. Under {@code off}: not checked; unsigned under {@code required}: refused.
     *
     * @throws dev.ferry.error.SignatureRefused when a signature is refused, missing, or required and absent
     */
    public SignatureStatus checkSignatures(Asset asset, CachedFile file) {
        warnAbout(asset.signedBy().map(SignedBy::urls).orElse(List.of()));
        return signatures.ofFile(asset, file);
    }

    /**
     * What the asset's pinned hash alone lets be verified ({@code plan --resolve}): the signed checksum list gives
     * that hash, the sigstore signature is over it; a detached OpenPGP signature's signer is judged, its bytes wait for sync.
     */
    public SignatureStatus checkSignaturesOfHash(Asset asset) {
        warnAbout(asset.signedBy().map(SignedBy::urls).orElse(List.of()));
        return signatures.ofHash(asset);
    }

    /** Without the bytes (a dry run, an asset already published): unsigned or not checked; refused when required and unsigned. */
    public SignatureStatus uncheckedSignatures(Asset asset) {
        return signatures.unchecked(asset);
    }

    /** What {@link #checkSignatures} said of the asset in this run, when it was called. */
    public Optional<SignatureStatus> signatureChecked(Asset asset) {
        return signatures.checked(asset);
    }

    /**
     * The verified file for {@code asset}: from the cache when it holds it, else downloaded and verified.
     *
     * @param also digests wanted besides sha256 (sha1 for the legacy layout, md5 for S3), computed in the same pass
     */
    public CachedFile fetch(Asset asset, Set<HashAlgorithm> also) {
        Hash want = expectedHash(asset);
        Set<HashAlgorithm> wanted = EnumSet.noneOf(HashAlgorithm.class);
        wanted.addAll(also);
        wanted.add(want.algorithm());
        wanted.remove(HashAlgorithm.SHA256);
        Object lock = inFlight.computeIfAbsent(want.toString(), k -> new Object());
        synchronized (lock) {
            Optional<CachedFile> hit = cache.find(want, wanted);
            if (hit.isPresent()) {
                return hit.get();
            }
            try (PartialLock owner = cache.cache().lockPartial(want, () -> progress.info("waiting for another Ferry run that is downloading "
                    + asset.url() + " into the cache " + cache.cache().root()))) {
                hit = cache.find(want, wanted); // the other run may have finished it while this one waited
                return hit.isPresent() ? hit.get() : fromSources(asset, want, wanted);
            }
        }
    }

    /** For a dry run: why no source answers, or empty when one does (a HEAD request each, no retries). */
    public Optional<Unreachable> unreachable(Asset asset) {
        List<String> reasons = new ArrayList<>();
        NetworkFailure last = null;
        warnAbout(asset.sources());
        for (String url : asset.sources()) {
            try (Response r = http.call(new Request.Builder().url(url).head().header("User-Agent", HttpClient.USER_AGENT).build()).execute()) {
                if (r.isSuccessful()) {
                    return Optional.empty();
                }
                last = NetworkFailure.status(r.code(), url);
            } catch (IOException e) {
                last = NetworkFailure.of(e, url);
            } catch (IllegalArgumentException e) {
                last = new NetworkFailure(NetworkFailure.Kind.OTHER, NetworkFailure.hostOf(url), 0, "not a usable URL");
            }
            reasons.add(url + ": " + last.describe());
        }
        return Optional.of(new Unreachable(String.join("; ", reasons), asset.url(), last,
                "check the network path (proxy settings) and the URL"));
    }

    /** Each source in turn; the failure of the last one decides what the error is, every source's reason is in it. */
    private CachedFile fromSources(Asset asset, Hash want, Set<HashAlgorithm> also) {
        List<String> failures = new ArrayList<>();
        Optional<HashMismatch> mismatch = Optional.empty();
        NetworkFailure last = null;
        for (String url : asset.sources()) {
            try {
                return fromSource(url, asset, want, also);
            } catch (HashMismatch e) {
                mismatch = Optional.of(e);
                failures.add(e.getMessage());
            } catch (SourceFailure e) {
                last = e.failure();
                failures.add(url + ": " + e.getMessage());
            }
        }
        if (mismatch.isPresent() && failures.size() == 1) {
            throw mismatch.get();
        }
        String message = failures.size() == 1 ? failures.get(0) : "cannot fetch " + asset.url() + ": " + String.join("; ", failures);
        if (mismatch.isPresent()) {
            HashMismatch m = mismatch.get();
            throw new HashMismatch(m.url(), m.algorithm(), m.expected(), m.actual(), "every source tried: " + String.join("; ", failures));
        }
        throw new Unreachable(message, asset.url(), last, "check the network path (proxy settings) and the URL; run the same command again to resume");
    }

    /**
     * The verified file from one source. A file pieced together by resuming (after a reset, or from an earlier
     * run's partial) that fails its hash may hold bad bytes from the first piece only: the source gets one more
     * try from byte 0 before it is given up.
     */
    private CachedFile fromSource(String url, Asset asset, Hash want, Set<HashAlgorithm> also) throws SourceFailure {
        Path part = cache.cache().partial(want);
        long expectedSize = asset.size().isPresent() ? asset.size().getAsLong() : -1;
        boolean fromZero = false;
        while (true) {
            RangedDownload.Received got = attempts(url, part, also, expectedSize);
            Optional<Hash> actual = got.digests().get(want.algorithm());
            if (actual.isPresent() && actual.get().equals(want) && (expectedSize < 0 || expectedSize == got.digests().size())) {
                return cache.committed(part, got.digests());
            }
            RangedDownload.deleteQuietly(part); // never resume into bytes that failed verification
            if (got.resumed() && !fromZero) {
                fromZero = true;
                progress.info("the resumed download of " + url + " does not match its hash; downloading it once more from byte 0");
                continue;
            }
            throw new HashMismatch(url, want.algorithm().id(), want.hex(), actual.map(Hash::hex).orElse("?"),
                    got.digests().size() + " bytes" + (expectedSize >= 0 ? ", expected " + expectedSize : ""));
        }
    }

    /** The attempts the retry policy allows at one URL. */
    private RangedDownload.Received attempts(String url, Path part, Set<HashAlgorithm> also, long expectedSize) throws SourceFailure {
        int[] tries = {0};
        try {
            return retry.run(() -> {
                tries[0]++;
                return download.attempt(url, part, also, expectedSize);
            }, e -> e instanceof SourceFailure f && f.retryable(), (n, delay, e) -> progress.info("retrying " + url + " in "
                    + delay.toMillis() / 1000.0 + " s: " + e.getMessage()));
        } catch (SourceFailure e) {
            throw e.retryable() ? e.gaveUp(tries[0]) : e;
        }
    }

    /** Says once per host when a source is link-local or a cloud metadata address ({@link SourceUrl#warning}). */
    private void warnAbout(List<String> urls) {
        for (String url : urls) {
            SourceUrl.warning(url).filter(w -> warnedHosts.add(SourceUrl.host(url))).ifPresent(w -> progress.warn(w));
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
