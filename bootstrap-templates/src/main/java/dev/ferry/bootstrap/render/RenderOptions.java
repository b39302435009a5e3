package dev.ferry.bootstrap.render;

import dev.ferry.bootstrap.maxpods.InstanceTypeSource;
import dev.ferry.bootstrap.maxpods.PodNetworking;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.layout.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything about the user-data besides the lock and the mirror URLs. Build with {@link #builder()};
 * every option has a default, so new options never break callers.
 *
 * @param format            a bash script (default) or a cloud-config that runs it
 * @param arches            node architectures to include; empty means every arch in the lock (the script picks by {@code uname -m})
 * @param layout            the mirror's layout; empty means the lock's
 * @param kubernetesVersion which kubelet/kubectl to install when the lock holds several (without a leading "v")
 * @param maxPods           kubelet {@code maxPods}: kubelet's default (110), a number, or computed for an instance type
 * @param podNetworking     the Amazon VPC CNI's custom networking and prefix delegation, as max-pods counts them
 * @param cniPlugins        install the reference CNI plugins, or leave them to the Amazon VPC CNI; empty means: decide from
 *                          the pod networking (either feature means the Amazon VPC CNI) and the lock's networking
 * @param registryMirrors   containerd {@code hosts.toml} entries, in order of preference per host
 * @param kops              kOps mode: fetch nodeup from the mirror and hand over to it instead of installing the node binaries
 * @param kopsKubeEnv       in kOps mode, the {@code kube_env.yaml} nodeup reads (from {@code kops}'s own user-data); empty expects it on the image
 * @param startServices     enable and start containerd and kubelet; false for baking an image (install and configure only)
 * @param attemptsPerMirror download attempts per mirror URL before trying the next (bounded, no infinite loops)
 * @param retryDelaySeconds pause between attempts
 * @param hashes            where the sha256 of each asset comes from (default: the lock)
 */
public record RenderOptions(
        UserDataFormat format,
        List<Arch> arches,
        Optional<Layout> layout,
        Optional<String> kubernetesVersion,
        KubeletMaxPods maxPods,
        PodNetworking podNetworking,
        Optional<CniPlugins> cniPlugins,
        List<RegistryMirror> registryMirrors,
        boolean kops,
        Optional<String> kopsKubeEnv,
        boolean startServices,
        int attemptsPerMirror,
        int retryDelaySeconds,
        AssetHashes hashes) {

    public RenderOptions {
        Objects.requireNonNull(format, "format");
        arches = List.copyOf(arches);
        Objects.requireNonNull(layout, "layout");
        Objects.requireNonNull(kubernetesVersion, "kubernetesVersion");
        Objects.requireNonNull(maxPods, "maxPods");
        Objects.requireNonNull(podNetworking, "podNetworking");
        Objects.requireNonNull(cniPlugins, "cniPlugins");
        registryMirrors = List.copyOf(registryMirrors);
        Objects.requireNonNull(kopsKubeEnv, "kopsKubeEnv");
        Objects.requireNonNull(hashes, "hashes");
        if (kops && !(maxPods instanceof KubeletMaxPods.KubeletDefault)) {
            throw FerryException.badInput("in kOps mode nodeup sets kubelet maxPods from the cluster spec",
                    "set spec.kubelet.maxPods (or the instance group's kubelet.maxPods) in kOps; use ferry bootstrap max-pods to compute it");
        }
        if (attemptsPerMirror < 1 || attemptsPerMirror > 20) {
            throw FerryException.badInput("attempts per mirror must be 1 to 20, not " + attemptsPerMirror, null);
        }
        if (retryDelaySeconds < 0 || retryDelaySeconds > 300) {
            throw FerryException.badInput("retry delay must be 0 to 300 seconds, not " + retryDelaySeconds, null);
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The same options with {@code newHashes} as the source of each asset's sha256. */
    public RenderOptions withHashes(AssetHashes newHashes) {
        return new RenderOptions(format, arches, layout, kubernetesVersion, maxPods, podNetworking, cniPlugins, registryMirrors, kops,
                kopsKubeEnv, startServices, attemptsPerMirror, retryDelaySeconds, newHashes);
    }

    /** Builder with the defaults: script, all arches, lock layout, CNI by networking, 3 attempts 5 s apart. */
    public static final class Builder {
        private UserDataFormat format = UserDataFormat.SCRIPT;
        private List<Arch> arches = new ArrayList<>();
        private Optional<Layout> layout = Optional.empty();
        private Optional<String> kubernetesVersion = Optional.empty();
        private KubeletMaxPods maxPods = KubeletMaxPods.kubeletDefault();
        private PodNetworking podNetworking = PodNetworking.DEFAULT;
        private Optional<CniPlugins> cniPlugins = Optional.empty();
        private List<RegistryMirror> registryMirrors = new ArrayList<>();
        private boolean kops;
        private Optional<String> kopsKubeEnv = Optional.empty();
        private boolean startServices = true;
        private int attemptsPerMirror = 3;
        private int retryDelaySeconds = 5;
        private AssetHashes hashes = AssetHashes.fromLock();

        private Builder() {}

        public Builder format(UserDataFormat v) { this.format = v; return this; }
        public Builder arches(List<Arch> v) { this.arches = new ArrayList<>(v); return this; }
        public Builder layout(Layout v) { this.layout = Optional.of(v); return this; }
        /** "1.30.0" or "v1.30.0". */
        public Builder kubernetesVersion(String v) { this.kubernetesVersion = Optional.of(v.startsWith("v") ? v.substring(1) : v); return this; }
        public Builder maxPods(int v) { this.maxPods = new KubeletMaxPods.Given(v); return this; }
        public Builder maxPods(KubeletMaxPods v) { this.maxPods = Objects.requireNonNull(v); return this; }
        /** maxPods computed for {@code instanceType} from {@code limits}, with the pod networking given and the usual cap unless {@code cap} is false. */
        public Builder maxPodsFor(String instanceType, InstanceTypeSource limits, boolean cap) {
            this.maxPods = new KubeletMaxPods.ForInstanceType(instanceType, limits, cap);
            return this;
        }
        public Builder podNetworking(PodNetworking v) { this.podNetworking = Objects.requireNonNull(v); return this; }
        public Builder cniPlugins(CniPlugins v) { this.cniPlugins = Optional.of(v); return this; }
        public Builder registryMirrors(List<RegistryMirror> v) { this.registryMirrors = new ArrayList<>(v); return this; }
        public Builder kops(boolean v) { this.kops = v; return this; }
        public Builder kopsKubeEnv(String v) { this.kopsKubeEnv = Optional.of(v); return this; }
        public Builder startServices(boolean v) { this.startServices = v; return this; }
        public Builder attemptsPerMirror(int v) { this.attemptsPerMirror = v; return this; }
        public Builder retryDelaySeconds(int v) { this.retryDelaySeconds = v; return this; }
        public Builder hashes(AssetHashes v) { this.hashes = v; return this; }

        public RenderOptions build() {
            return new RenderOptions(format, arches, layout, kubernetesVersion, maxPods, podNetworking, cniPlugins, registryMirrors,
                    kops, kopsKubeEnv, startServices, attemptsPerMirror, retryDelaySeconds, hashes);
        }
    }
}
