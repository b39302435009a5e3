package dev.ferry.cli.image;

import dev.ferry.cli.ProfileOption;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Ec2Retry;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** How commands reach EC2 (image, vpc): credentials profile, an endpoint override, throttling retries. */
public final class Ec2Options {

    @Mixin
    ProfileOption profile;

    @Mixin
    Ec2EndpointOption endpoint;

    @Option(names = "--max-attempts", paramLabel = "N", description = "Attempts per EC2 call when throttled or on transient errors (default: ${DEFAULT-VALUE}).")
    int maxAttempts = Ec2Retry.defaults().maxAttempts();

    @Option(names = "--retry-delay-ms", hidden = true, description = "Base delay between attempts (tests).")
    long retryDelayMs = Ec2Retry.defaults().baseDelay().toMillis();

    public Ec2Clients clients() {
        Duration base = Duration.ofMillis(Math.max(1, retryDelayMs));
        Duration max = base.multipliedBy(20).compareTo(Ec2Retry.defaults().maxDelay()) > 0 ? Ec2Retry.defaults().maxDelay() : base.multipliedBy(20);
        return Ec2Clients.aws(endpoint.value(), profile.value(), new Ec2Retry(Math.max(1, maxAttempts), base, max));
    }
}
