package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.render.CniPlugins;
import dev.ferry.bootstrap.render.RegistryMirror;
import dev.ferry.bootstrap.render.RenderOptions;
import dev.ferry.bootstrap.render.UserDataFormat;
import dev.ferry.cli.LayoutOption;
import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the rendered node script installs and how it downloads: the render options besides the lock, the mirrors and max-pods. */
public final class NodeScriptOptions {

    @Option(names = "--format", paramLabel = "FORMAT", description = "script (default, a bash script) or cloud-init (a #cloud-config running it).")
    UserDataFormat format = UserDataFormat.SCRIPT;

    @Option(names = "--cni", paramLabel = "WHO",
            description = "install: put the lock's CNI plugins in /opt/cni/bin; amazon-vpc: leave them to the Amazon VPC CNI. "
                    + "Default: amazon-vpc when the lock's networking is amazonvpc or --custom-networking/--prefix-delegation is given.")
    CniPlugins cni;

    @Option(names = "--registry-mirror", paramLabel = "HOST=URL",
            description = "containerd pulls images of HOST from URL first (hosts.toml); see the first example. Repeatable.")
    List<RegistryMirror> registryMirrors = new ArrayList<>();

    @Option(names = "--arch", split = ",", paramLabel = "ARCH", description = "Node architectures to include (default: all in the lock; the script picks by uname -m).")
    List<Arch> arches = new ArrayList<>();

    @Option(names = "--kubernetes", paramLabel = "VERSION", description = "Which kubelet to install when the lock holds several.")
    String kubernetes;

    @Mixin
    LayoutOption layout;

    @Option(names = "--kops", description = "kOps mode: fetch and verify nodeup, set NODEUP_URL_*/NODEUP_HASH_*, and hand over to nodeup.")
    boolean kops;

    @Option(names = "--kops-kube-env", paramLabel = "FILE", description = "In kOps mode, the kube_env.yaml for nodeup (from kOps's own user-data).")
    Path kopsKubeEnv;

    @Option(names = "--no-start", description = "Install and configure but start nothing (for baking an image).")
    boolean noStart;

    @Option(names = "--attempts", paramLabel = "N", description = "Download attempts per mirror URL (default: 3).")
    int attempts = 3;

    @Option(names = "--retry-delay", paramLabel = "SECONDS", description = "Pause between attempts (default: 5).")
    int retryDelay = 5;

    /** The render options these flags give; a kube_env.yaml is read here. */
    RenderOptions.Builder builder() {
        RenderOptions.Builder b = RenderOptions.builder().format(format).kops(kops).startServices(!noStart)
                .attemptsPerMirror(attempts).retryDelaySeconds(retryDelay).arches(arches.stream().distinct().toList())
                .registryMirrors(registryMirrors);
        layout.value().ifPresent(b::layout);
        Optional.ofNullable(kubernetes).ifPresent(b::kubernetesVersion);
        Optional.ofNullable(cni).ifPresent(b::cniPlugins);
        if (kopsKubeEnv != null) {
            if (!kops) {
                throw FerryException.badInput("--kops-kube-env needs --kops", "kube_env.yaml is read by nodeup, which only kOps mode runs");
            }
            b.kopsKubeEnv(InputFiles.readText(kopsKubeEnv));
        }
        return b;
    }
}
