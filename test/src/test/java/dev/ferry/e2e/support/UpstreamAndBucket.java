package dev.ferry.e2e.support;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * An {@link Upstream} and an {@link S3Bucket} for one test class: started before its first test, reset before
 * each (requests and faults forgotten, files kept; the bucket emptied), closed after the last. A JUnit
 * extension, registered as a static field of the class.
 */
public final class UpstreamAndBucket implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {
    private final String bucketName;

    // set once before a test class's first test
    public Upstream upstream;
    public S3Bucket bucket;

    public UpstreamAndBucket(String bucketName) {
        this.bucketName = bucketName;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        upstream = Upstream.start();
        bucket = S3Bucket.start(bucketName);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        upstream.reset();
        bucket.clear();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        bucket.close();
        upstream.close();
    }
}
