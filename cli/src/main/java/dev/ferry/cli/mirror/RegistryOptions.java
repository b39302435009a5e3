package dev.ferry.cli.mirror;

import dev.ferry.registry.ref.ImageNaming;
import dev.ferry.registry.ref.RegistryTarget;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --registry} and {@code --image-naming}: where the lock's images go (sync) or are checked (verify), and under which names. */
public final class RegistryOptions {

    @Option(names = "--registry", paramLabel = "REGISTRY",
            description = "Where the images go: host[:port][/prefix] (ECR, Harbor, a registry), http://host:port/prefix for a plain-HTTP registry, or oci:DIR for an OCI image layout to carry across an air gap.")
    RegistryTarget registry;

    @Option(names = "--image-naming", paramLabel = "RULE",
            description = "Names in the registry, by kOps's rules: proxy (spec.assets.containerProxy: the source registry host replaced by REGISTRY) or registry (spec.assets.containerRegistry: '/' flattened to '-'). Default: proxy.")
    ImageNaming naming = ImageNaming.PROXY;

    public Optional<RegistryTarget> target() {
        return Optional.ofNullable(registry);
    }

    public ImageNaming naming() {
        return naming;
    }

    /** The flags as a command Ferry suggests: {@code --registry R [--image-naming registry]}. */
    String flags() {
        return "--registry " + registry.describe() + (naming == ImageNaming.PROXY ? "" : " --image-naming " + naming.id());
    }
}
