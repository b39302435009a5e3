package dev.ferry.registry.ecr;

import dev.ferry.aws.AwsRegion;
import dev.ferry.error.FerryException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.EcrClientBuilder;

/**
 * The ECR API of a run: one SDK client per region (China regions resolve to {@code api.ecr.<region>.amazonaws.com.cn}
 * by region alone), login tokens for ECR hosts, and repository creation.
 */
public final class Ecr implements AutoCloseable {
    private final Map<AwsRegion, EcrClient> clients = new ConcurrentHashMap<>();
    private final Function<AwsRegion, EcrClient> factory;
    private final EcrCredentials credentials;
    private final EcrRepositories repositories;

    /**
     * @param factory       makes the client of a region
     * @param refreshBefore a login token with less than this left is fetched again
     */
    public Ecr(Function<AwsRegion, EcrClient> factory, Duration refreshBefore, Clock clock) {
        this.factory = factory;
        this.credentials = new EcrCredentials(this::client, refreshBefore, clock);
        this.repositories = new EcrRepositories(this::client);
    }

    /**
     * Clients with the default AWS credential chain, or the profile {@code profileOf} gives for a region: a copy from
     * commercial ECR (the VPC CNI images at 602401143452) into China ECR needs credentials of each partition.
     * {@code endpoint} replaces the regional API endpoint (a VPC endpoint, a test server). Tokens are renewed with an
     * hour left.
     */
    public static Ecr connect(Function<AwsRegion, Optional<String>> profileOf, Optional<URI> endpoint) {
        Map<Optional<String>, AwsCredentialsProvider> providers = new ConcurrentHashMap<>();
        return new Ecr(region -> {
            AwsCredentialsProvider credentials = providers.computeIfAbsent(profileOf.apply(region), p -> p
                    .<AwsCredentialsProvider>map(name -> ProfileCredentialsProvider.builder().profileName(name).build())
                    .orElseGet(() -> DefaultCredentialsProvider.builder().build()));
            EcrClientBuilder b = EcrClient.builder().region(region.sdk()).credentialsProvider(credentials);
            endpoint.ifPresent(b::endpointOverride);
            try {
                return b.build();
            } catch (SdkClientException e) {
                throw FerryException.badInput("cannot set up the ECR client for " + region + ": " + e.getMessage(), "check the AWS configuration");
            }
        }, Duration.ofHours(1), Clock.systemUTC());
    }

    public EcrClient client(AwsRegion region) {
        return clients.computeIfAbsent(region, factory);
    }

    public EcrCredentials credentials() {
        return credentials;
    }

    public EcrRepositories repositories() {
        return repositories;
    }

    @Override
    public void close() {
        clients.values().forEach(EcrClient::close);
    }
}
