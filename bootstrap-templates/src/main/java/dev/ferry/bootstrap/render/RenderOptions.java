package dev.ferry.bootstrap.render;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.layout.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Everything about the user-data besides the lock and the mirror URLs. Build with {@link #builder()};
 * every option has a default, so new options never break callers.
 *
 * @param format            a bash script (default) or a cloud-config that runs it
 * @param arches            node architectures to include; empty means every arch in the lock (the script picks by {@code uname -m})
 * @param layout            the mirror's layout; empty means the lock's
 * @param kubernetesVersion which kubelet/kubectl to install when the lock holds several
 * @param maxPods           kubelet {@code maxPods}; empty leaves kubelet's default (110)
 * @param cniPlugins        install the reference CNI plugins, or leave them to the Amazon VPC CNI; empty means: decide from the lock's networking
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
        OptionalInt maxPods,
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
        Objects.requireNonNull(cniPlugins, "cniPlugins");
        registryMirrors = List.copyOf(registryMirrors);
        Objects.requireNonNull(kopsKubeEnv, "kopsKubeEnv");
        Objects.requireNonNull(hashes, "hashes");
        if (maxPods.isPresent() && (maxPods.getAsInt() < 1 || maxPods.getAsInt() > 1000)) {
            throw FerryException.badInput("max-pods " + maxPods.getAsInt() + " is out of range", "give a number from 1 to 1000");
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

    public Builder toBuilder() {
        Builder b = new Builder();
        b.format = format;
        b.arches = new ArrayList<>(arches);
        b.layout = layout;
        b.kubernetesVersion = kubernetesVersion;
        b.maxPods = maxPods;
        b.cniPlugins = cniPlugins;
        b.registryMirrors = new ArrayList<>(registryMirrors);
        b.kops = kops;
        b.kopsKubeEnv = kopsKubeEnv;
        b.startServices = startServices;
        b.attemptsPerMirror = attemptsPerMirror;
        b.retryDelaySeconds = retryDelaySeconds;
        b.hashes = hashes;
        return b;
    }

    /** Builder with the defaults: script, all arches, lock layout, CNI by networking, 3 attempts 5 s apart. */
    public static final class Builder {
        private UserDataFormat format = UserDataFormat.SCRIPT;
        private List<Arch> arches = new ArrayList<>();
        private Optional<Layout> layout = Optional.empty();
        private Optional<String> kubernetesVersion = Optional.empty();
        private OptionalInt maxPods = OptionalInt.empty();
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
        public Builder kubernetesVersion(String v) { this.kubernetesVersion = Optional.of(v); return this; }
        public Builder maxPods(int v) { this.maxPods = OptionalInt.of(v); return this; }
        public Builder cniPlugins(CniPlugins v) { this.cniPlugins = Optional.of(v); return this; }
        public Builder registryMirrors(List<RegistryMirror> v) { this.registryMirrors = new ArrayList<>(v); return this; }
        public Builder kops(boolean v) { this.kops = v; return this; }
        public Builder kopsKubeEnv(String v) { this.kopsKubeEnv = Optional.of(v); return this; }
        public Builder startServices(boolean v) { this.startServices = v; return this; }
        public Builder attemptsPerMirror(int v) { this.attemptsPerMirror = v; return this; }
        public Builder retryDelaySeconds(int v) { this.retryDelaySeconds = v; return this; }
        public Builder hashes(AssetHashes v) { this.hashes = v; return this; }

        public RenderOptions build() {
            return new RenderOptions(format, arches, layout, kubernetesVersion, maxPods, cniPlugins, registryMirrors,
                    kops, kopsKubeEnv, startServices, attemptsPerMirror, retryDelaySeconds, hashes);
        }
    }
}
