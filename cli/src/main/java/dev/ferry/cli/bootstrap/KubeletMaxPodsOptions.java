package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.render.KubeletMaxPods;
import picocli.CommandLine.Option;

/** {@code --instance-type} or {@code --max-pods} (one of them): kubelet's maxPods, computed or given. */
public final class KubeletMaxPodsOptions {

    @Option(names = "--instance-type", paramLabel = "TYPE", description = "Set kubelet maxPods from this type's limits (see ferry bootstrap max-pods).")
    String instanceType;

    @Option(names = "--max-pods", paramLabel = "N", description = "Set kubelet maxPods to N instead of computing it.")
    Integer maxPods;

    /** What the flags ask for; the instance type's limits come from {@code limits}, with the pod networking flags. */
    KubeletMaxPods value(InstanceTypeOptions limits, PodNetworkingOptions networking) {
        if (maxPods != null) {
            return new KubeletMaxPods.Given(maxPods);
        }
        if (instanceType != null) {
            return new KubeletMaxPods.ForInstanceType(instanceType, limits.source(), networking.applyCap());
        }
        return new KubeletMaxPods.KubeletDefault();
    }
}
