package dev.ferry.e2e.support;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.gaul.s3proxy.S3ErrorCode;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.S3ProxyException;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.blobstore.ForwardingBlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.DeleteObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * A real S3 endpoint on 127.0.0.1 (embedded S3Proxy, in memory) with one bucket, for end-to-end tests.
 * Start one per test class ({@code @BeforeAll}); {@link #clear()} between tests is cheap.
 *
 * <p>Credentials: {@link #start} sets the {@code aws.accessKeyId} / {@code aws.secretAccessKey} system
 * properties, so code under test using the SDK's default chain finds them; child processes get
 * {@link #env()}. Writes can be refused ({@link #refuseWrites}) to test a bucket that denies PutObject.
 */
public final class S3Bucket implements AutoCloseable {
    public static final String ACCESS_KEY = "ferry-test-key";
    public static final String SECRET_KEY = "ferry-test-secret";
    public static final String REGION = "us-east-1";

    private final S3Proxy proxy;
    private final String bucket;
    private final S3Client client;
    private final AtomicBoolean refuseWrites = new AtomicBoolean();
    private final AtomicInteger puts = new AtomicInteger();
    private final List<String> putKeys = java.util.Collections.synchronizedList(new ArrayList<>());
    private final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());

    private S3Bucket(String bucket, long maxNonChunked) throws Exception {
        this.bucket = bucket;
        BlobStore store = new ForwardingBlobStore(new TransientNio2BlobStore()) {
            @Override
            public PutObjectResponse putBlob(PutObjectRequest request, java.io.InputStream input) {
                if (refuseWrites.get()) {
                    throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "writes refused by the test");
                }
                PutObjectResponse r = super.putBlob(request, input);
                puts.incrementAndGet();
                putKeys.add(request.key());
                events.add("put " + request.key());
                return r;
            }

            @Override
            public DeleteObjectResponse removeBlob(DeleteObjectRequest request) {
                if (refuseWrites.get()) {
                    throw new S3ProxyException(S3ErrorCode.ACCESS_DENIED, "writes refused by the test");
                }
                events.add("delete " + request.key());
                return super.removeBlob(request);
            }
        };
        proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
                .v4MaxNonChunkedRequestSize(maxNonChunked)
                .build();
        proxy.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("S3Proxy did not start: " + proxy.getState());
            }
            Thread.sleep(10);
        }
        client = S3Client.builder()
                .endpointOverride(endpoint())
                .forcePathStyle(true)
                .region(Region.of(REGION))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .build();
        client.createBucket(b -> b.bucket(bucket));
    }

    /** Starts S3Proxy with {@code bucket} created; bodies up to 128 MiB may be sent without chunked encoding. */
    public static S3Bucket start(String bucket) {
        return start(bucket, 128L << 20);
    }

    /** As {@link #start(String)}, raising S3Proxy's non-chunked body limit (for large single-part uploads). */
    public static S3Bucket start(String bucket, long maxNonChunkedBytes) {
        System.setProperty("aws.accessKeyId", ACCESS_KEY);
        System.setProperty("aws.secretAccessKey", SECRET_KEY);
        try {
            return new S3Bucket(bucket, maxNonChunkedBytes);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start S3Proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    public String bucket() {
        return bucket;
    }

    /** An SDK client for assertions (path style, this server's credentials). */
    public S3Client client() {
        return client;
    }

    /** {@code s3://bucket/prefix} */
    public String target(String prefix) {
        return "s3://" + bucket + (prefix.isEmpty() ? "" : "/" + prefix);
    }

    /** The Ferry flags that reach this server: {@code --endpoint URL --region us-east-1}. */
    public List<String> ferryFlags() {
        return List.of("--endpoint", endpoint().toString(), "--region", REGION);
    }

    /** Environment for a child process (Ferry jar, awscli) to reach this server. */
    public Map<String, String> env() {
        return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_DEFAULT_REGION", REGION,
                "AWS_REGION", REGION, "AWS_EC2_METADATA_DISABLED", "true");
    }

    /** When true, PutObject and DeleteObject answer 403 AccessDenied; reads still work. */
    public void refuseWrites(boolean refuse) {
        refuseWrites.set(refuse);
    }

    /** How many PutObject calls succeeded since the last {@link #clear()}. */
    public int puts() {
        return puts.get();
    }

    /** The keys of those PutObject calls, in order. */
    public List<String> putKeys() {
        synchronized (putKeys) {
            return List.copyOf(putKeys);
        }
    }

    /** Successful writes in order: "put KEY" and "delete KEY". */
    public List<String> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** Every key in the bucket, sorted. */
    public List<String> keys() {
        return client.listObjectsV2Paginator(b -> b.bucket(bucket)).contents().stream().map(S3Object::key).sorted().toList();
    }

    public String text(String key) {
        return client.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asUtf8String();
    }

    public byte[] bytes(String key) {
        return client.getObjectAsBytes(g -> g.bucket(bucket).key(key)).asByteArray();
    }

    /** Empties the bucket and resets counters and faults. */
    public void clear() {
        refuseWrites(false);
        for (String key : keys()) {
            client.deleteObject(d -> d.bucket(bucket).key(key));
        }
        puts.set(0);
        putKeys.clear();
        events.clear();
    }

    @Override
    public void close() {
        client.close();
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop S3Proxy", e);
        }
    }
}
