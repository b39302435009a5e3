package dev.ferry.image.ec2;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ec2.Ec2Client;

/** One EC2 client per region, created on first use and closed together. */
public final class Ec2Clients implements AutoCloseable {
    private final Function<String, Ec2Client> factory;
    private final Map<String, Ec2> clients = new LinkedHashMap<>();

    private Ec2Clients(Function<String, Ec2Client> factory) {
        this.factory = factory;
    }

    /**
     * Real EC2 with the named profile's credentials, or the default chain (environment, profile, instance role). {@code endpoint}
     * replaces the regional endpoint for every region (a VPC interface endpoint, or a test server).
     */
    public static Ec2Clients aws(Optional<URI> endpoint, Optional<String> profile, Ec2Retry retry) {
        AwsCredentialsProvider credentials = profile.<AwsCredentialsProvider>map(ProfileCredentialsProvider::create)
                .orElseGet(() -> DefaultCredentialsProvider.builder().build());
        return aws(endpoint, retry, credentials);
    }

    public static Ec2Clients aws(Optional<URI> endpoint, Ec2Retry retry, AwsCredentialsProvider credentials) {
        return new Ec2Clients(region -> {
            var b = Ec2Client.builder().region(Region.of(region)).credentialsProvider(credentials)
                    .overrideConfiguration(o -> o.retryStrategy(retry.strategy()));
            endpoint.ifPresent(b::endpointOverride);
            return b.build();
        });
    }

    /** Clients from any factory: the dry run's printing client. */
    public static Ec2Clients using(Function<String, Ec2Client> factory) {
        return new Ec2Clients(factory);
    }

    public synchronized Ec2 region(String region) {
        return clients.computeIfAbsent(region, r -> new Ec2(r, factory.apply(r)));
    }

    @Override
    public synchronized void close() {
        clients.values().forEach(c -> c.client().close());
        clients.clear();
    }
}
