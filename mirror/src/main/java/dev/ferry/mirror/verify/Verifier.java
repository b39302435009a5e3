package dev.ferry.mirror.verify;

import dev.ferry.error.FerryException;
import dev.ferry.error.NetworkFailure;
import dev.ferry.http.HttpClient;
import dev.ferry.progress.Progress;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.asset.Sidecar;
import dev.ferry.mirror.env.PublicUrl;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.concurrent.ParallelMap;
import dev.ferry.mirror.store.MirrorStore;
import dev.ferry.mirror.store.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Checks that a mirror will work for kOps: every object present, its sidecar present and holding
 * the right hash in the layout's algorithm, sizes and ETags right, and (optionally) the bytes
 * re-hashed and the sidecars and objects readable anonymously at the public URL. Objects are
 * checked in parallel; a problem never stops the run, so one report lists them all.
 */
public final class Verifier {
    private static final Pattern MULTIPART = Pattern.compile("^[0-9a-f]{32}-\\d+$");
    private static final Pattern MD5_HEX = Pattern.compile("^[0-9a-f]{32}$");
    private static final Pattern REGION_HOST = Pattern.compile("s3[.-]([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\.");

    /** One object to check, with what the lock says of it when there is a lock. */
    private record Target(String key, Optional<Asset> asset) {}

    private final VerifyOptions options;
    private final HttpClient http;
    private final Progress progress;

    /**
     * @param http     the client for anonymous reads at the public URL
     * @param progress told of each object as it is checked (one child task per object)
     */
    public Verifier(VerifyOptions options, HttpClient http, Progress progress) {
        this.options = options;
        this.http = http;
        this.progress = progress;
    }

    /** A verifier whose anonymous reads go direct (no proxy). */
    public Verifier(VerifyOptions options, Progress progress) {
        this(options, new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), java.util.Map.of())), progress);
    }

    /** Checks every asset of the lock, under the layout of {@link VerifyOptions}. */
    public VerifyReport verify(MirrorStore store, Lock lock) {
        store.checkExists();
        List<Target> targets = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Asset a : lock.assets()) {
            String key = a.key(options.layout());
            if (seen.add(key)) {
                targets.add(new Target(key, Optional.of(a)));
            }
        }
        return run(store, targets, List.of(), 0);
    }

    /** Without a lock: checks every object that has a sidecar (of either algorithm), and every sidecar that has no object. */
    public VerifyReport verifyAll(MirrorStore store) {
        store.checkExists();
        List<String> keys = store.list();
        Set<String> all = new HashSet<>(keys);
        String want = options.layout().sidecarAlgorithm().sidecarSuffix();
        String other = otherAlgorithm().sidecarSuffix();
        List<Target> targets = new ArrayList<>();
        List<Problem> orphans = new ArrayList<>();
        int notChecked = 0;
        for (String key : keys) {
            for (String suffix : List.of(want, other)) {
                if (key.endsWith(suffix)) {
                    String object = key.substring(0, key.length() - suffix.length());
                    if (!object.isEmpty() && !all.contains(object) && !(suffix.equals(other) && all.contains(object + want))) {
                        orphans.add(new Problem(object, ProblemKind.MISSING_OBJECT, "sidecar " + key + " has no object beside it",
                                "a sidecar must describe a published object: republish the object with `" + options.syncCommand()
                                        + "`, or delete the stray sidecar " + key));
                    }
                }
            }
            if (key.endsWith(want) || key.endsWith(other)) {
                continue;
            }
            if (all.contains(key + want) || all.contains(key + other)) {
                targets.add(new Target(key, Optional.empty()));
            } else {
                notChecked++;
            }
        }
        return run(store, targets, orphans, notChecked);
    }

    private VerifyReport run(MirrorStore store, List<Target> targets, List<Problem> found, int notChecked) {
        long start = System.nanoTime();
        List<Problem> problems = new ArrayList<>(found);
        AtomicLong hashed = new AtomicLong();
        Optional<AnonymousReader> reader = options.publicUrl().map(u -> new AnonymousReader(http));
        progress.plan(targets.size(), "objects", 0);
        new ParallelMap(Math.min(options.jobs(), Math.max(1, targets.size())), "ferry-verify").inOrder(targets, t -> {
            try (Progress object = progress.child(t.key())) {
                return check(store, t, reader, hashed);
            }
        }, problems::addAll);
        problems.sort(Comparator.comparing(Problem::key).thenComparing(Problem::kind));
        return new VerifyReport(store.describe(), options, targets.size(), notChecked, problems, hashed.get(),
                Duration.ofNanos(System.nanoTime() - start));
    }

    private HashAlgorithm otherAlgorithm() {
        return options.layout().sidecarAlgorithm() == HashAlgorithm.SHA256 ? HashAlgorithm.SHA1 : HashAlgorithm.SHA256;
    }

    private List<Problem> check(MirrorStore store, Target t, Optional<AnonymousReader> reader, AtomicLong hashed) {
        List<Problem> problems = new ArrayList<>();
        String key = t.key();
        String sidecarKey = options.layout().sidecarKey(key);
        try {
            Optional<StoredObject> stat = store.stat(key);
            if (stat.isEmpty()) {
                // A sidecar without its object tells kOps's copier the file is published: say so.
                boolean straySidecar = store.stat(sidecarKey).isPresent();
                problems.add(new Problem(key, ProblemKind.MISSING_OBJECT, "not in " + store.describe()
                        + (straySidecar ? ", but its sidecar " + sidecarKey + " is" : ""),
                        "run `" + options.syncCommand() + "`: it uploads the object, then its sidecar"));
                return problems;
            }
            StoredObject object = stat.get();
            Optional<Hash> expected = t.asset().flatMap(a -> a.hash() instanceof ExpectedHash.Known k ? Optional.of(k.hash()) : Optional.empty());
            Optional<String> sidecarText = store.readText(sidecarKey);
            Optional<Hash> sidecar = checkSidecar(store, key, sidecarText, expected, problems);
            checkSize(t, object, sidecarKey, problems);
            checkRecordedSha256(object, expected, sidecar, sidecarKey, problems);
            checkEtag(object, sidecarKey, problems);
            if (options.deep()) {
                deep(store, key, object, sidecar, expected, problems, hashed);
            }
            if (reader.isPresent()) {
                readPublicly(reader.get(), store.objectArnPattern(), key, sidecarKey, sidecarText, problems);
            }
        } catch (FerryException e) {
            problems.add(new Problem(key, ProblemKind.STORE_ERROR, e.getMessage(), e.hint().orElse("run it again")));
        }
        return problems;
    }

    /** The sidecar: present, readable, the layout's algorithm, the lock's hash. Returns the hash it holds when usable. */
    private Optional<Hash> checkSidecar(MirrorStore store, String key, Optional<String> sidecarText, Optional<Hash> expected,
                                        List<Problem> problems) {
        Layout layout = options.layout();
        HashAlgorithm alg = layout.sidecarAlgorithm();
        String sidecarKey = layout.sidecarKey(key);
        if (sidecarText.isEmpty()) {
            String otherKey = key + otherAlgorithm().sidecarSuffix();
            if (store.stat(otherKey).isPresent()) {
                problems.add(new Problem(key, ProblemKind.WRONG_SIDECAR_ALGORITHM,
                        "has " + otherKey + " but no " + sidecarKey + " (the " + layout.id() + " layout reads " + alg.id() + ")",
                        wrongAlgorithmFix()));
            } else {
                problems.add(new Problem(key, ProblemKind.MISSING_SIDECAR, "no " + sidecarKey + "; kOps refuses a file it cannot hash-check",
                        "run `" + options.syncCommand() + "`: it checks the object and writes the sidecar after it"));
            }
            return Optional.empty();
        }
        Optional<Sidecar> read = Sidecar.parse(sidecarText.get());
        String first = Sidecar.firstField(sidecarText.get());
        if (read.isEmpty()) {
            problems.add(new Problem(key, ProblemKind.BAD_SIDECAR, sidecarKey + " holds '" + abbreviate(sidecarText.get().strip())
                    + "', not a hex hash", "run `" + options.syncCommand() + "` to rewrite it"));
            return Optional.empty();
        }
        HashAlgorithm found = read.get().hash().algorithm();
        if (found != alg) {
            problems.add(new Problem(key, ProblemKind.WRONG_SIDECAR_ALGORITHM, sidecarKey + " holds a " + found.id() + " ("
                    + first.length() + " hex characters) where " + alg.id() + " is expected", wrongAlgorithmFix()));
            return Optional.empty();
        }
        Hash parsed = read.get().hash();
        if (expected.isPresent() && expected.get().algorithm() == alg && !expected.get().equals(parsed)) {
            problems.add(new Problem(key, ProblemKind.SIDECAR_MISMATCH, sidecarKey + " says " + first + ", the lock expects "
                    + expected.get().hex(), "the object or its sidecar was replaced outside Ferry: run `"
                    + options.syncCommand() + "`; it publishes the locked file again, then its sidecar"));
        }
        return Optional.of(parsed);
    }

    private void checkSize(Target t, StoredObject object, String sidecarKey, List<Problem> problems) {
        t.asset().flatMap(a -> a.size().isPresent() ? Optional.of(a.size().getAsLong()) : Optional.empty()).ifPresent(size -> {
            if (size != object.size()) {
                problems.add(new Problem(t.key(), ProblemKind.SIZE_MISMATCH, object.size() + " bytes, the lock says " + size,
                        "the object is truncated or was replaced: " + republish(sidecarKey)));
            }
        });
    }

    /** The sha256 recorded at upload (S3 metadata) against what the lock or the sidecar says. */
    private void checkRecordedSha256(StoredObject object, Optional<Hash> expected, Optional<Hash> sidecar, String sidecarKey,
                                     List<Problem> problems) {
        Optional<Hash> wantSha256 = expected.filter(h -> h.algorithm() == HashAlgorithm.SHA256)
                .or(() -> sidecar.filter(h -> h.algorithm() == HashAlgorithm.SHA256));
        if (object.sha256().isPresent() && wantSha256.isPresent() && !object.sha256().get().equalsIgnoreCase(wantSha256.get().hex())) {
            problems.add(new Problem(object.key(), ProblemKind.CONTENT_MISMATCH, "uploaded with sha256 " + object.sha256().get()
                    + " (x-amz-meta-sha256), expected " + wantSha256.get().hex(),
                    "the object was replaced: " + republish(sidecarKey)));
        }
    }

    /** ETag shape: multipart means another tool uploaded it, and the ETag proves nothing. */
    private void checkEtag(StoredObject object, String sidecarKey, List<Problem> problems) {
        Optional<String> etag = object.etag();
        if (etag.isPresent() && MULTIPART.matcher(etag.get()).matches()) {
            problems.add(new Problem(object.key(), ProblemKind.MULTIPART_ETAG, "ETag " + etag.get() + ": uploaded in "
                    + dev.ferry.format.Sizes.count(Long.parseLong(etag.get().substring(etag.get().indexOf('-') + 1)), "part")
                    + " by something other than Ferry, so it is no MD5",
                    "check the bytes with `ferry mirror verify --deep`; to make the ETag an MD5 again (single-part upload), "
                            + republish(sidecarKey)));
        } else if (etag.isPresent() && !MD5_HEX.matcher(etag.get()).matches()) {
            problems.add(new Problem(object.key(), ProblemKind.ETAG_NOT_MD5, "ETag " + etag.get() + " is not an MD5",
                    "the bucket probably encrypts with SSE-KMS; use SSE-S3 (AES256) for the mirror bucket and republish with `"
                            + options.syncCommand() + "`"));
        }
    }

    private void deep(MirrorStore store, String key, StoredObject object, Optional<Hash> sidecar, Optional<Hash> expected,
            List<Problem> problems, AtomicLong hashed) {
        // Only the digests something can be compared with: one pass over the bytes, no wasted hashing.
        Map<HashAlgorithm, MessageDigest> digests = new EnumMap<>(HashAlgorithm.class);
        digests.put(HashAlgorithm.SHA256, HashAlgorithm.SHA256.newDigest());
        sidecar.ifPresent(h -> digests.computeIfAbsent(h.algorithm(), HashAlgorithm::newDigest));
        expected.ifPresent(h -> digests.computeIfAbsent(h.algorithm(), HashAlgorithm::newDigest));
        if (object.etag().map(e -> MD5_HEX.matcher(e).matches()).orElse(false)) {
            digests.computeIfAbsent(HashAlgorithm.MD5, HashAlgorithm::newDigest);
        }
        long size = 0;
        try (InputStream in = store.open(key)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                for (MessageDigest d : digests.values()) {
                    d.update(buf, 0, n);
                }
                size += n;
            }
        } catch (IOException e) {
            problems.add(new Problem(key, ProblemKind.STORE_ERROR, "cannot read the bytes: " + e.getMessage(), "run it again"));
            return;
        }
        hashed.addAndGet(size);
        Map<HashAlgorithm, Hash> actual = new EnumMap<>(HashAlgorithm.class);
        digests.forEach((a, d) -> actual.put(a, Hash.of(a, d.digest())));
        String republish = republish(options.layout().sidecarKey(key));
        if (size != object.size()) {
            problems.add(new Problem(key, ProblemKind.SIZE_MISMATCH, "read " + size + " bytes, the store lists " + object.size(), republish));
        }
        if (sidecar.isPresent() && !actual.get(sidecar.get().algorithm()).equals(sidecar.get())) {
            problems.add(new Problem(key, ProblemKind.CONTENT_MISMATCH, "the bytes hash to " + actual.get(sidecar.get().algorithm()).hex()
                    + ", the sidecar says " + sidecar.get().hex() + ": nodes will refuse this file", republish));
        } else if (expected.isPresent() && !actual.get(expected.get().algorithm()).equals(expected.get())
                && !(sidecar.isPresent() && sidecar.get().algorithm() == expected.get().algorithm())) {
            problems.add(new Problem(key, ProblemKind.CONTENT_MISMATCH, "the bytes hash to " + actual.get(expected.get().algorithm()).hex()
                    + ", the lock expects " + expected.get().hex(), republish));
        }
        Optional<String> etag = object.etag();
        if (etag.isPresent() && MD5_HEX.matcher(etag.get()).matches() && !etag.get().equals(actual.get(HashAlgorithm.MD5).hex())) {
            problems.add(new Problem(key, ProblemKind.ETAG_NOT_MD5, "ETag " + etag.get() + " is not the MD5 of the bytes ("
                    + actual.get(HashAlgorithm.MD5).hex() + ")", "the object changed after upload or is encrypted with SSE-KMS; " + republish));
        }
    }

    private void readPublicly(AnonymousReader reader, Optional<String> arnPattern, String key, String sidecarKey, Optional<String> storedSidecar,
                              List<Problem> problems) {
        PublicUrl base = options.publicUrl().orElseThrow();
        String sidecarUrl = base.resolve(sidecarKey);
        String objectUrl = base.resolve(key);
        String fetching = sidecarUrl;
        try {
            // A sidecar the store lacks is already reported; fetching it would only add a confusing 404.
            if (storedSidecar.isPresent()) {
                AnonymousReader.Answer s = reader.text(sidecarUrl);
                if (s.status() != 200) {
                    problems.add(publicProblem(arnPattern, key, "sidecar", sidecarUrl, s));
                } else if (!Sidecar.firstField(s.body().orElse("")).equals(Sidecar.firstField(storedSidecar.get()))) {
                    problems.add(new Problem(key, ProblemKind.PUBLIC_MISMATCH, sidecarUrl + " serves '" + abbreviate(s.body().orElse("").strip())
                            + "', the store holds '" + abbreviate(storedSidecar.get().strip()) + "'",
                            "the public URL serves another copy (a CDN cache or another prefix): check --public-url, or wait for the cache to expire"));
                }
            }
            fetching = objectUrl;
            AnonymousReader.Answer o = reader.firstByte(objectUrl);
            if (o.status() != 200 && o.status() != 206) {
                problems.add(publicProblem(arnPattern, key, "object", objectUrl, o));
            }
        } catch (IOException e) {
            problems.add(new Problem(key, ProblemKind.PUBLIC_UNREACHABLE, "cannot fetch " + fetching + ": "
                    + NetworkFailure.of(e, fetching).describe(),
                    "check the URL, DNS and that this machine (and the nodes) can reach " + base.host()));
        }
    }

    private Problem publicProblem(Optional<String> arnPattern, String key, String what, String url, AnonymousReader.Answer a) {
        PublicUrl base = options.publicUrl().orElseThrow();
        int st = a.status();
        if (st == 301 || st == 302 || st == 307 || st == 308) {
            Optional<String> region = a.bucketRegion().or(() -> a.location().flatMap(Verifier::regionOf));
            String to = a.location().map(l -> " to " + l).orElse("");
            return new Problem(key, ProblemKind.WRONG_REGION, "the " + what + " at " + url + " answers " + st + to
                    + region.map(r -> " (bucket region " + r + ")").orElse("") + "; kOps and nodes do not follow it",
                    "use the bucket's own regional endpoint in the URL, e.g. https://<bucket>.s3." + region.orElse("<region>")
                            + (base.isChinaEndpoint() ? ".amazonaws.com.cn" : ".amazonaws.com") + "/<prefix>");
        }
        if (st == 403 || st == 401) {
            String resource = arnPattern.orElseGet(() -> {
                String prefix = base.isVirtualHosted() ? base.path()
                        : base.path().contains("/") ? base.path().substring(base.path().indexOf('/') + 1) : "";
                return (base.isChinaEndpoint() ? "arn:aws-cn:s3:::" : "arn:aws:s3:::") + base.bucket().orElse("<bucket>") + "/"
                        + (prefix.isEmpty() ? "" : prefix + "/") + "*";
            });
            return new Problem(key, ProblemKind.NOT_PUBLIC, "the " + what + " at " + url + " answers " + st
                    + " to an anonymous read, as kOps and nodes make it",
                    "allow anonymous s3:GetObject on " + resource + " with a bucket policy (and allow public policies in the bucket's "
                            + "Block Public Access settings), or run `" + options.syncCommand() + " --acl public-read`, which gives objects already"
                            + " there that ACL too (the bucket must have ACLs enabled)");
        }
        if (st == 404) {
            return new Problem(key, ProblemKind.NOT_AT_PUBLIC_URL, "the " + what + " is in the store but " + url + " answers 404",
                    "--public-url must point at the same bucket and prefix as the store (for s3://B/P in cn-north-1: "
                            + "https://B.s3.cn-north-1.amazonaws.com.cn/P); behind `ferry mirror serve`, see its log: symlinks out of "
                            + "the folder and hidden names are not served");
        }
        return new Problem(key, ProblemKind.PUBLIC_UNREACHABLE, "the " + what + " at " + url + " answers HTTP " + st,
                "check the server behind " + base.host());
    }

    /** Sync skips a file whose sidecar matches, so the targeted fix withdraws the sidecar first. */
    private String republish(String sidecarKey) {
        return "delete " + sidecarKey + ", then run `" + options.syncCommand() + "` (it publishes the object, then the sidecar; "
                + "--force republishes every file)";
    }

    private static Optional<String> regionOf(String location) {
        var m = REGION_HOST.matcher(location);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    private String wrongAlgorithmFix() {
        return options.layout() == Layout.KOPS
                ? "kOps 1.10+ reads <file>.sha256 (64 hex characters); mixing sha1 sidecars in breaks node boots: rewrite the sidecars with `"
                        + options.syncCommand() + " --layout kops` (or, for kOps 1.9 and older, verify with --layout legacy)"
                : "the legacy layout (kOps 1.9 and older) reads <file>.sha1 (40 hex characters): rewrite the sidecars with `"
                        + options.syncCommand() + " --layout legacy` (or, for kOps 1.10+, verify with --layout kops)";
    }


    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() > 80 ? one.substring(0, 77) + "…" : one;
    }
}
