package dev.ferry.cli.mirror;

import dev.ferry.error.FerryException;
import dev.ferry.registry.client.RegistryEndpoint;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** How the commands that read registries reach them, beyond the proxy and Docker's config.json: ECR's API and credentials. */
public final class RegistryAccessOptions {

    @Option(names = "--source-profile", paramLabel = "NAME",
            description = "AWS profile for images read from ECR outside the region of an ECR target, such as the VPC CNI images at 602401143452 (they need commercial-partition credentials). Default: --profile where given, else the SDK's chain.")
    String sourceProfile;

    @Option(names = "--ecr-endpoint", paramLabel = "URL", description = "ECR API endpoint to use in every region instead of the public one (an interface VPC endpoint).")
    URI ecrEndpoint;

    /** Registries whose API answers elsewhere: tests point real names at local servers with it. */
    @Option(names = "--registry-endpoint", paramLabel = "HOST=URL", hidden = true)
    List<String> endpoints = new ArrayList<>();

    Optional<String> sourceProfile() {
        return Optional.ofNullable(sourceProfile);
    }

    Optional<URI> ecrEndpoint() {
        return Optional.ofNullable(ecrEndpoint);
    }

    Map<String, RegistryEndpoint> endpoints() {
        Map<String, RegistryEndpoint> out = new LinkedHashMap<>();
        for (String e : endpoints) {
            int eq = e.indexOf('=');
            if (eq <= 0) {
                throw FerryException.badInput("--registry-endpoint '" + e + "' is not HOST=URL", "e.g. registry.k8s.io=http://127.0.0.1:5001");
            }
            out.put(e.substring(0, eq), RegistryEndpoint.parse(e.substring(eq + 1)));
        }
        return out;
    }
}
