package dev.ferry.cli;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Gives the AWS SDK's default chain made-up credentials (system properties) for the tests of a class, and takes them
 * away after: commands that call EC2 run against the fake EC2, which is all that ever sees them.
 */
public final class FakeAwsCredentials implements BeforeAllCallback, AfterAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
        System.setProperty("aws.accessKeyId", "AKIDFAKE");
        System.setProperty("aws.secretAccessKey", "fake-secret");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        System.clearProperty("aws.accessKeyId");
        System.clearProperty("aws.secretAccessKey");
    }
}
