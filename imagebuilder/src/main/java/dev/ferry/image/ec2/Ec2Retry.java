package dev.ferry.image.ec2;

import java.time.Duration;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.StandardRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;

/**
 * How the SDK retries throttled ({@code RequestLimitExceeded}) and transient failures. AMI pipelines often run
 * beside other EC2 jobs in the same account, so the defaults retry longer than the SDK's 3 attempts.
 */
public record Ec2Retry(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    public static Ec2Retry defaults() {
        return new Ec2Retry(10, Duration.ofSeconds(1), Duration.ofSeconds(20));
    }

    RetryStrategy strategy() {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(baseDelay, maxDelay);
        return ((StandardRetryStrategy.Builder) AwsRetryStrategy.standardRetryStrategy().toBuilder())
                .maxAttempts(maxAttempts)
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                // the token bucket would stop retrying a long throttling spell early; the attempt cap bounds it
                .circuitBreakerEnabled(false)
                .build();
    }
}
