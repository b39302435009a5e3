package dev.ferry.cli.bootstrap;

import dev.ferry.cli.Ferry;
import dev.ferry.bootstrap.maxpods.MaxPods;
import dev.ferry.format.AtomicFile;
import dev.ferry.bootstrap.maxpods.MaxPodsCalculator;
import dev.ferry.bootstrap.render.AssetHashes;
import dev.ferry.bootstrap.render.CniPlugins;
import dev.ferry.bootstrap.render.MirrorSidecarHashes;
import dev.ferry.bootstrap.render.NodeAsset;
import dev.ferry.bootstrap.render.RegistryMirror;
import dev.ferry.bootstrap.render.RenderOptions;
import dev.ferry.bootstrap.render.UserData;
import dev.ferry.bootstrap.render.UserDataFormat;
import dev.ferry.bootstrap.render.UserDataRenderer;
import dev.ferry.cli.FileOutputOption;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.layout.Layout;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry bootstrap render}: node user-data that installs from the mirror. */
@Command(name = "render",
        header = "Render EC2 user-data that boots a node from the mirror alone.",
        mixinStandardHelpOptions = true,
        description = {
            "Render EC2 user-data that boots a node from the mirror alone. On the node it:",
            "  - downloads the node's assets from the --mirror URLs, in order, with",
            "    bounded retries, and checks each sha256 before using the file;",
            "  - installs containerd, runc, the CNI plugins (unless the Amazon VPC CNI",
            "    brings them) and kubelet with maxPods; writes containerd hosts.toml",
            "    for --registry-mirror;",
            "  - with --kops: fetches nodeup instead and hands over to it.",
            "The user-data goes to stdout (or --output-file FILE), the summary to stderr.",
            "EC2's 16 KB user-data limit is checked.",
            "",
            "Examples:",
            "  ferry bootstrap render --lock ferry.lock \\",
            "      --mirror https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops \\",
            "      --instance-type m5.large --region cn-north-1 \\",
            "      --registry-mirror docker.io=https://registry.example.cn \\",
            "      --output-file user-data.sh",
            "  ferry bootstrap render --lock ferry.lock \\",
            "      --mirror https://m1.example.cn/kops --mirror https://m2.example.cn/kops \\",
            "      --instance-type m5.large --instance-types-file types.json \\",
            "      --custom-networking --format cloud-init \\",
            "      --output-file user-data.yaml",
            "  ferry bootstrap render --lock ferry.lock --kops \\",
            "      --kops-kube-env kube_env.yaml \\",
            "      --mirror https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops \\",
            "      --output-file nodeup.sh"})
public final class RenderCommand implements Callable<Integer> {

    @Option(names = "--lock", required = true, paramLabel = "FILE", description = "The lock the mirror was synced from (ferry.lock).")
    Path lockFile;

    @Option(names = "--mirror", required = true, paramLabel = "URL",
            description = "Mirror base URL as nodes reach it; repeat for fallbacks, tried in the order given.")
    List<String> mirrors;

    @Option(names = "--format", paramLabel = "FORMAT", description = "script (default, a bash script) or cloud-init (a #cloud-config running it).")
    String format = "script";

    @Option(names = "--instance-type", paramLabel = "TYPE", description = "Set kubelet maxPods from this type's limits (see ferry bootstrap max-pods).")
    String instanceType;

    @Option(names = "--max-pods", paramLabel = "N", description = "Set kubelet maxPods to N instead of computing it.")
    Integer maxPods;

    @Mixin
    PodNetworkingOptions networking;

    @Mixin
    InstanceTypeOptions limits;

    @Option(names = "--cni", paramLabel = "WHO",
            description = "install: put the lock's CNI plugins in /opt/cni/bin; amazon-vpc: leave them to the Amazon VPC CNI. "
                    + "Default: amazon-vpc when the lock's networking is amazonvpc or --custom-networking/--prefix-delegation is given.")
    String cni;

    @Option(names = "--registry-mirror", paramLabel = "HOST=URL",
            description = "containerd pulls images of HOST from URL first (hosts.toml); see the first example. Repeatable.")
    List<String> registryMirrors = new ArrayList<>();

    @Option(names = "--arch", split = ",", paramLabel = "ARCH", description = "Node architectures to include (default: all in the lock; the script picks by uname -m).")
    List<String> arches = new ArrayList<>();

    @Option(names = "--kubernetes", paramLabel = "VERSION", description = "Which kubelet to install when the lock holds several.")
    String kubernetes;

    @Option(names = "--layout", paramLabel = "LAYOUT", description = "The mirror's layout: kops or legacy (default: the lock's).")
    String layout;

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

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the user-data to FILE instead of stdout.")
    Path outputFile;

    @Mixin
    FileOutputOption output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        output.deprecatedFile("--output-file", spec.commandLine().getErr()).ifPresent(f -> outputFile = f);
        Lock lock = LockFile.read(lockFile);
        Layout mirrorLayout = layout == null ? lock.layout() : Layout.parse(layout);
        RenderOptions.Builder b = RenderOptions.builder()
                .format(UserDataFormat.parse(format))
                .layout(mirrorLayout)
                .kops(kops)
                .startServices(!noStart)
                .attemptsPerMirror(attempts)
                .retryDelaySeconds(retryDelay)
                .arches(arches.stream().map(Arch::parse).distinct().toList());
        b.registryMirrors(registryMirrors.stream().map(RegistryMirror::parse).toList());
        if (kubernetes != null) {
            b.kubernetesVersion(kubernetes.startsWith("v") ? kubernetes.substring(1) : kubernetes);
        }
        if (cni != null) {
            b.cniPlugins(switch (cni.trim().toLowerCase(java.util.Locale.ROOT)) {
                case "install" -> CniPlugins.INSTALL;
                case "amazon-vpc", "amazonvpc" -> CniPlugins.LEAVE_TO_AMAZON_VPC_CNI;
                default -> throw FerryException.badInput("unknown --cni '" + cni + "'", "use install or amazon-vpc");
            });
        } else if (networking.impliesAmazonVpcCni()) {
            b.cniPlugins(CniPlugins.LEAVE_TO_AMAZON_VPC_CNI);
        }
        if (kopsKubeEnv != null) {
            if (!kops) {
                throw FerryException.badInput("--kops-kube-env needs --kops", "kube_env.yaml is read by nodeup, which only kOps mode runs");
            }
            b.kopsKubeEnv(readText(kopsKubeEnv));
        }
        Optional<MaxPods> computed = maxPods(b);

        HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Ferry.environment(spec)));
        MirrorSidecarHashes sidecars = new MirrorSidecarHashes(mirrors, mirrorLayout, http);
        b.hashes(AssetHashes.fromLock().orElse(sidecars));
        long unpinned = lock.assets().stream().filter(a -> AssetHashes.fromLock().sha256(a).isEmpty()).count();
        if (unpinned > 0) {
            // Each sidecar is one small HTTP GET, but a dead first mirror costs a connect timeout per file: say what is happening.
            spec.commandLine().getErr().printf("reading the sha256 of up to %d file(s) the lock does not pin from the mirror's sidecars (%s)…%n",
                    unpinned, mirrors.get(0));
            spec.commandLine().getErr().flush();
        }
        UserData ud;
        try {
            ud = new UserDataRenderer().render(lock, mirrors, b.build());
        } catch (FerryException e) {
            if (!sidecars.problems().isEmpty() && e.getMessage().startsWith("no sha256 is known")) {
                throw FerryException.badInput(e.getMessage() + "; reading the mirror's sidecars failed: "
                        + sidecars.problems().stream().limit(3).collect(Collectors.joining("; ")), e.hint().orElse(null));
            }
            throw e;
        }
        if (outputFile != null) {
            AtomicFile.writeOutput(outputFile, ud.text());
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (output.json()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("format", ud.format().id());
            j.put("bytes", ud.bytes());
            j.put("limitBytes", UserData.EC2_LIMIT_BYTES);
            j.put("maxPods", computed.map(MaxPodsView::json).map(Object.class::cast)
                    .orElse(maxPods == null ? null : Map.of("maxPods", maxPods, "mode", "given")));
            j.put("mirrors", mirrors);
            j.put("assets", ud.assets().stream().map(RenderCommand::assetJson).toList());
            j.put("notes", ud.notes());
            j.put("file", outputFile == null ? null : outputFile.toString());
            if (outputFile == null) {
                j.put("userData", ud.text());
            }
            out.println(Json.write(j));
            out.flush();
            return 0;
        }
        if (outputFile == null) {
            out.print(ud.text());
            out.flush();
        }
        err.printf(java.util.Locale.ROOT, "user-data: %s, %,d bytes of EC2's %,d (%d%%)%s%n", ud.format().id(), ud.bytes(), UserData.EC2_LIMIT_BYTES,
                ud.bytes() * 100 / UserData.EC2_LIMIT_BYTES, outputFile == null ? "" : ", written to " + outputFile);
        computed.ifPresent(m -> err.println("kubelet maxPods " + m.maxPods() + " (" + MaxPodsView.explain(m) + ")"));
        computed.ifPresent(m -> m.notes().forEach(n -> err.println("note: " + n)));
        if (maxPods != null) {
            err.println("kubelet maxPods " + maxPods + " (given)");
        }
        err.printf("%d file(s) checked by sha256 on the node (%s), from %d mirror URL(s) in order%n", ud.assets().size(),
                ud.assets().stream().map(a -> a.kind() + "/" + a.arch().id()).collect(Collectors.joining(", ")), mirrors.size());
        ud.notes().forEach(n -> err.println("note: " + n));
        err.flush();
        return 0;
    }

    private Optional<MaxPods> maxPods(RenderOptions.Builder b) {
        if (kops && (maxPods != null || instanceType != null)) {
            throw FerryException.badInput("in kOps mode nodeup sets kubelet maxPods from the cluster spec",
                    "set spec.kubelet.maxPods (or the instance group's kubelet.maxPods) in kOps; use ferry bootstrap max-pods to compute it");
        }
        if (maxPods != null && instanceType != null) {
            throw FerryException.badInput("give either --max-pods or --instance-type, not both", "--instance-type computes the value --max-pods sets");
        }
        if (maxPods != null) {
            b.maxPods(maxPods);
            return Optional.empty();
        }
        if (instanceType != null) {
            MaxPods m = MaxPodsCalculator.compute(limits.source().require(instanceType.trim()), networking.networking(), networking.applyCap());
            b.maxPods(m.maxPods());
            return Optional.of(m);
        }
        return Optional.empty();
    }

    private static Map<String, Object> assetJson(NodeAsset a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("arch", a.arch().id());
        m.put("kind", a.kind().name());
        m.put("version", a.version());
        m.put("key", a.key());
        m.put("sha256", a.sha256().hex());
        m.put("installTo", a.target());
        return m;
    }

    private static String readText(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw FerryException.badInput("no such file: " + file, "check the path");
        } catch (IOException e) {
            throw FerryException.badInput("cannot read " + file + ": " + e.getMessage(), null);
        }
    }
}
