package dev.ferry.cli.image;

import java.net.URI;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --endpoint URL}: the EC2 endpoint of the image, vpc and max-pods commands. */
public final class Ec2EndpointOption {

    @Option(names = "--endpoint", paramLabel = "URL", description = "EC2 endpoint to use instead of the region's public one (a VPC interface endpoint).")
    URI endpoint;

    public Optional<URI> value() {
        return Optional.ofNullable(endpoint);
    }
}
