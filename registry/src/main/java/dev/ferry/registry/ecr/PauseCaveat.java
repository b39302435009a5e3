package dev.ferry.registry.ecr;

import dev.ferry.registry.ref.ImageMapping;
import dev.ferry.registry.ref.RegistryTarget;
import java.util.List;
import java.util.Optional;

/**
 * The private-ECR {@code pause} problem: containerd pulls the pod sandbox image itself, without the kubelet's
 * ECR credential provider, so a {@code pause} image in private ECR leaves new pods stuck at
 * "failed to get sandbox image" (kubernetes/kops#16762).
 */
public final class PauseCaveat {
    private PauseCaveat() {}

    /** The warning to print when {@code target} is a private ECR registry and {@code images} include pause. */
    public static Optional<String> warning(RegistryTarget target, List<ImageMapping> images) {
        if (!(target instanceof RegistryTarget.Remote remote) || EcrHost.parse(remote.host()).isEmpty()) {
            return Optional.empty();
        }
        return images.stream().filter(m -> m.source().repository().equals("pause") || m.source().repository().endsWith("/pause"))
                .findFirst().map(m -> "the pod sandbox image " + m.canonical() + " goes to " + m.target() + ", a private ECR repository. "
                        + "containerd pulls the sandbox image itself, without the kubelet's ECR credentials, so pods on new nodes can fail "
                        + "with 'failed to get sandbox image' (kubernetes/kops#16762). --ecr-public-read does not cure this: ECR wants a "
                        + "token for every pull. Put pause where anonymous pulls work (ferry mirror serve, a public Harbor project, a "
                        + "plain registry in the VPC) and let containerd find it there through a registry mirror for its registry "
                        + "(ferry mirror env --containerd-mirrors), or preload it into the node image "
                        + "(copy it with --registry oci:DIR, tar the folder, and import it with ctr -n k8s.io images import while baking).");
    }
}
