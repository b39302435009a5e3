package dev.ferry.mirror.store;

import dev.ferry.aws.AwsRegion;
import dev.ferry.error.FerryException;
import dev.ferry.error.TargetRefused;
import dev.ferry.format.DirectFileReader;
import dev.ferry.mirror.asset.Digests;
import dev.ferry.mirror.asset.Hash;
import dev.ferry.mirror.asset.HashAlgorithm;
import dev.ferry.mirror.layout.KeyRules;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.Permission;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A mirror in an S3 bucket (or an S3-compatible server). Objects go up in a single PutObject with
 * Content-MD5, so the server rejects a damaged body and the ETag is the MD5 (checked after every
 * upload); the sha256 rides along as {@code x-amz-meta-sha256}.
 */
public final class S3Store implements MirrorStore {
    /** S3's limit for one PutObject. Above it only multipart works, whose ETag is not an MD5. */
    public static final long SINGLE_PART_LIMIT = 5L * 1024 * 1024 * 1024;

    /** The object {@link #checkWritable} writes and removes again to learn whether the mirror takes writes. */
    static final String WRITE_CHECK = ".ferry-write-check";

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final Optional<ObjectAcl> acl;
    private final S3Errors errors;

    public S3Store(S3Client s3, String bucket, String prefix, Optional<ObjectAcl> acl) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix;
        this.acl = acl;
        this.errors = new S3Errors(describe(), endpoint(s3));
    }

    public S3Store(S3Client s3, String bucket, String prefix, boolean publicRead) {
        this(s3, bucket, prefix, publicRead ? Optional.of(ObjectAcl.PUBLIC_READ) : Optional.empty());
    }

    /** Builds a client the way Ferry needs it (see {@link #client}) and opens {@code s3://bucket/prefix}. */
    public static S3Store connect(String bucket, String prefix, S3Options options) {
        return new S3Store(client(options), bucket, prefix, options.acl());
    }

    private static String endpoint(S3Client s3) {
        return s3.serviceClientConfiguration().endpointOverride().map(Object::toString).orElseGet(() -> {
            String region = s3.serviceClientConfiguration().region().id();
            return "https://s3." + region + "." + (AwsRegion.looksLikeRegion(region) ? new AwsRegion(region).dnsSuffix() : "amazonaws.com");
        });
    }

    /**
     * An S3 client: China regions resolve to {@code .amazonaws.com.cn} and the aws-cn partition by
     * region alone; a custom endpoint is addressed path-style. Checksums only when required, so the
     * SDK adds no trailing checksum and S3-compatible servers keep the ETag an MD5.
     */
    public static S3Client client(S3Options options) {
        S3ClientBuilder b = S3Client.builder()
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        AwsCredentialsProvider credentials = options.profile()
                .<AwsCredentialsProvider>map(p -> ProfileCredentialsProvider.builder().profileName(p).build())
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        b.credentialsProvider(credentials);
        options.profile().ifPresent(p -> b.overrideConfiguration(o -> o.defaultProfileName(p)));
        options.region().ifPresent(r -> b.region(Region.of(r)));
        if (options.endpoint().isPresent()) {
            b.endpointOverride(options.endpoint().get()).forcePathStyle(true);
            if (options.region().isEmpty()) {
                // S3-compatible servers rarely care; the SDK still needs a region to sign.
                b.region(Region.US_EAST_1);
            }
        }
        try {
            return b.build();
        } catch (SdkClientException e) {
            throw FerryException.badInput("cannot set up the S3 client: " + e.getMessage(),
                    "give --region (e.g. --region cn-north-1), or set AWS_REGION");
        }
    }

    public String bucket() {
        return bucket;
    }

    public String prefix() {
        return prefix;
    }

    @Override
    public String describe() {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    @Override
    public Optional<String> objectArnPattern() {
        // The partition follows the client's region (cn-north-1 is aws-cn); ARNs of S3 objects name no region.
        AwsRegion region = new AwsRegion(s3.serviceClientConfiguration().region().id());
        return Optional.of(region.globalArn("s3", bucket + "/" + (prefix.isEmpty() ? "" : prefix + "/") + "*"));
    }

    /** The full S3 key of a mirror key. */
    public String s3Key(String key) {
        KeyRules.checkKey(key, key);
        return prefix.isEmpty() ? key : prefix + "/" + key;
    }

    @Override
    public void checkExists() {
        try {
            s3.headBucket(h -> h.bucket(bucket));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new TargetRefused(describe(), "the bucket " + bucket + " does not exist" + where(), "create it first (e.g. aws s3 mb s3://"
                        + bucket + " --region cn-north-1), or check the bucket name, --region and --endpoint; nothing was downloaded", e);
            }
            if (e.statusCode() == 301) {
                throw new TargetRefused(describe(), "the bucket " + bucket + " is in another region than" + where(), "give the bucket's --region", e);
            }
            // 403: these credentials may not list the bucket but may still write objects; the first write says more.
        } catch (SdkException e) {
            throw failure("cannot reach", "", e);
        }
    }

    /**
     * Writes a small object beside the mirror's and removes it again, with the ACL asked for: credentials that may not
     * write, or a bucket that refuses the ACL, fail here once instead of once per asset after every download.
     */
    @Override
    public void checkWritable() {
        try {
            putText(WRITE_CHECK, "written by ferry to check that the mirror takes writes; safe to delete\n");
            delete(WRITE_CHECK);
        } catch (TargetRefused e) {
            throw new TargetRefused(describe(), e.reason(), describe() + " refuses writes" + acl.map(a -> " with --acl " + a).orElse("")
                    + ": " + e.getMessage() + "; nothing was downloaded or published", e.hint().orElse(null), e);
        }
    }

    @Override
    public boolean aclDiffers(String key) {
        if (acl.isEmpty()) {
            return false;
        }
        try {
            boolean anonymousRead = s3.getObjectAcl(a -> a.bucket(bucket).key(s3Key(key))).grants().stream()
                    .anyMatch(g -> (g.permission() == Permission.READ || g.permission() == Permission.FULL_CONTROL)
                            && g.grantee() != null && g.grantee().uri() != null && g.grantee().uri().endsWith("/global/AllUsers"));
            return anonymousRead != (acl.get() == ObjectAcl.PUBLIC_READ);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw failure("cannot read the ACL of", key, e);
        } catch (SdkException e) {
            throw failure("cannot read the ACL of", key, e);
        }
    }

    @Override
    public void setAcl(String key) {
        if (acl.isEmpty()) {
            return;
        }
        ObjectCannedACL canned = acl.get() == ObjectAcl.PUBLIC_READ ? ObjectCannedACL.PUBLIC_READ : ObjectCannedACL.PRIVATE;
        try {
            s3.putObjectAcl(a -> a.bucket(bucket).key(s3Key(key)).acl(canned));
        } catch (SdkException e) {
            throw failure("cannot set the ACL of", key, e);
        }
    }

    @Override
    public Optional<String> acl() {
        return acl.map(ObjectAcl::id);
    }

    private String where() {
        return s3.serviceClientConfiguration().endpointOverride().map(u -> " at " + u).orElse("")
                + " (region " + s3.serviceClientConfiguration().region() + ")";
    }

    @Override
    public Optional<StoredObject> stat(String key) {
        try {
            HeadObjectResponse r = s3.headObject(h -> h.bucket(bucket).key(s3Key(key)));
            return Optional.of(new StoredObject(key, r.contentLength(), etag(r.eTag()),
                    Optional.ofNullable(r.metadata().get("sha256"))));
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw failure("cannot look at", key, e);
        } catch (SdkException e) {
            throw failure("cannot look at", key, e);
        }
    }

    @Override
    public Optional<String> readText(String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(g -> g.bucket(bucket).key(s3Key(key))).asString(StandardCharsets.UTF_8));
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                return Optional.empty();
            }
            throw failure("cannot read", key, e);
        } catch (SdkException e) {
            throw failure("cannot read", key, e);
        }
    }

    @Override
    public InputStream open(String key) {
        try {
            return s3.getObject(g -> g.bucket(bucket).key(s3Key(key)));
        } catch (SdkException e) {
            throw failure("cannot read", key, e);
        }
    }

    @Override
    public Set<HashAlgorithm> digestsNeeded() {
        return Set.of(HashAlgorithm.MD5);
    }

    private static String md5Of(Path file, String key) {
        try {
            return dev.ferry.mirror.fetch.RunningDigests.of(file, Set.of(HashAlgorithm.MD5)).md5().orElseThrow().hex();
        } catch (java.io.IOException e) {
            throw unreadable(file, key, e);
        }
    }

    /** The upload's body, read around the page cache as the cache file was written (nothing reads it again soon). */
    private static InputStream body(Path file, String key) {
        try {
            return DirectFileReader.open(file);
        } catch (java.io.IOException e) {
            throw unreadable(file, key, e);
        }
    }

    private static FerryException unreadable(Path file, String key, java.io.IOException e) {
        return new FerryException("cannot read " + file + " to upload " + key + ": " + e.getMessage(), null);
    }

    @Override
    public StoredObject put(String key, Path file, Digests digests) {
        if (digests.size() > SINGLE_PART_LIMIT) {
            throw new FerryException(key + " is " + digests.size() + " bytes, over S3's 5 GiB limit for a single PutObject",
                    "Ferry uploads in one part so the ETag stays the MD5 kOps users rely on; mirror this file to a folder instead");
        }
        // Callers ask for md5 in their own pass (digestsNeeded); computing it here is the fallback.
        String md5 = digests.md5().map(Hash::hex).orElseGet(() -> md5Of(file, key));
        PutObjectRequest.Builder req = putRequest(key, digests.size(), HexFormat.of().parseHex(md5), "application/octet-stream")
                .metadata(Map.of("sha256", digests.sha256().hex()));
        PutObjectResponse r;
        try {
            r = s3.putObject(req.build(), RequestBody.fromContentProvider(() -> body(file, key), digests.size(), "application/octet-stream"));
        } catch (SdkException e) {
            throw failure("cannot upload", key, e);
        }
        Optional<String> etag = etag(r.eTag());
        if (!etag.map(t -> t.equals(md5)).orElse(false)) {
            // The body arrived intact (Content-MD5), but an ETag that is not the MD5 breaks every later
            // check against it; take the object back rather than leave it half-described.
            deleteQuietly(key);
            throw new FerryException("uploaded " + key + " to " + describe() + " but its ETag " + etag.orElse("(none)")
                    + " is not its MD5 " + md5 + "; the object was removed again",
                    "the bucket probably encrypts with SSE-KMS by default; use SSE-S3 (AES256) for the mirror bucket");
        }
        return new StoredObject(key, digests.size(), etag, Optional.of(digests.sha256().hex()));
    }

    @Override
    public void putText(String key, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        PutObjectRequest.Builder req = putRequest(key, bytes.length, md5(bytes), "text/plain");
        try {
            s3.putObject(req.build(), RequestBody.fromBytes(bytes));
        } catch (SdkException e) {
            throw failure("cannot upload", key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(d -> d.bucket(bucket).key(s3Key(key)));
        } catch (S3Exception e) {
            if (e.statusCode() != 404) {
                throw failure("cannot delete", key, e);
            }
        } catch (SdkException e) {
            throw failure("cannot delete", key, e);
        }
    }

    @Override
    public List<String> list() {
        String listPrefix = prefix.isEmpty() ? "" : prefix + "/";
        List<String> keys = new ArrayList<>();
        try {
            for (S3Object o : s3.listObjectsV2Paginator(ListObjectsV2Request.builder().bucket(bucket).prefix(listPrefix).build()).contents()) {
                keys.add(o.key().substring(listPrefix.length()));
            }
        } catch (SdkException e) {
            throw failure("cannot list", "", e);
        }
        keys.sort(null);
        return keys;
    }

    @Override
    public void close() {
        s3.close();
    }

    /** A single-part PutObject with Content-MD5 (so S3 rejects a damaged body) and the ACL asked for. */
    private PutObjectRequest.Builder putRequest(String key, long length, byte[] md5, String contentType) {
        PutObjectRequest.Builder req = PutObjectRequest.builder().bucket(bucket).key(s3Key(key))
                .contentLength(length)
                .contentMD5(Base64.getEncoder().encodeToString(md5))
                .contentType(contentType);
        if (acl.equals(Optional.of(ObjectAcl.PUBLIC_READ))) {
            req.acl(ObjectCannedACL.PUBLIC_READ); // a new object is private without one; buckets with ACLs disabled refuse any other
        }
        return req;
    }

    private void deleteQuietly(String key) {
        try {
            delete(key);
        } catch (FerryException e) {
            // already failing; the caller reports the first error
        }
    }

    private static Optional<String> etag(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(raw.replace("\"", "").trim().toLowerCase(Locale.ROOT));
    }

    private static byte[] md5(byte[] bytes) {
        MessageDigest d = HashAlgorithm.MD5.newDigest();
        return d.digest(bytes);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
    }

    /** Turns an SDK error into what failed and what to do (see {@link S3Errors}). */
    private FerryException failure(String verb, String key, SdkException e) {
        return errors.of(verb, key, e);
    }
}
