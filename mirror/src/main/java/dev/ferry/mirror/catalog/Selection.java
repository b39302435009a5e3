package dev.ferry.mirror.catalog;

import dev.ferry.mirror.asset.Arch;
import java.util.List;
import java.util.Set;

/**
 * One kOps/Kubernetes pair as the plan resolved it; recorded in the lock so a reviewer sees
 * what was asked for and what Ferry chose.
 *
 * @param kubernetesFrom "given", or why Ferry chose the version ("recommended for kOps 1.30")
 * @param options        opt-in asset groups: kube-image-tars, kops-images, nerdctl, crictl
 */
public record Selection(String kops, String kubernetes, String kubernetesFrom, List<Arch> arches,
        Networking networking, Set<String> options) {
    public Selection {
        arches = List.copyOf(arches);
        options = Set.copyOf(options);
    }
}
