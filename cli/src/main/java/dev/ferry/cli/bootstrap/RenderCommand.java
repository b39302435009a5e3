package dev.ferry.cli.bootstrap;

import dev.ferry.bootstrap.render.NodeUserData;
import dev.ferry.bootstrap.render.RenderOptions;
import dev.ferry.bootstrap.render.UserData;
import dev.ferry.cli.Ferry;
import dev.ferry.cli.FileOutputOption;
import dev.ferry.format.AtomicFile;
import dev.ferry.http.HttpClient;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.progress.Progress;
import dev.ferry.progress.ProgressEvent;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
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

    @ArgGroup(exclusive = true)
    KubeletMaxPodsOptions maxPods = new KubeletMaxPodsOptions();

    @Mixin
    PodNetworkingOptions networking;

    @Mixin
    InstanceTypeOptions limits;

    @Mixin
    NodeScriptOptions script;

    @Option(names = "--output-file", paramLabel = "FILE", description = "Write the user-data to FILE instead of stdout.")
    Path outputFile;

    @Mixin
    FileOutputOption output;

    @Override
    public Integer call() {
        outputFile = output.fileOr("--output-file", outputFile);
        Lock lock = LockFile.read(lockFile);
        UserData ud;
        try (HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Ferry.environment(output.command())))) {
            ud = new NodeUserData(http).render(lock, mirrors, options(), Progress.root("bootstrap render", this::say));
        }
        if (outputFile != null) {
            AtomicFile.writeOutput(outputFile, ud.text());
        }
        RenderView view = new RenderView(ud, mirrors, Optional.ofNullable(outputFile));
        if (output.json()) {
            output.printJson(view.json());
        } else {
            view.text(output.out(), output.err());
        }
        return 0;
    }

    private RenderOptions options() {
        return script.builder().podNetworking(networking.networking()).maxPods(maxPods.value(limits, networking)).build();
    }

    /** The lines the render says while it works (the sidecar read), as they come. */
    private void say(ProgressEvent event) {
        if (event instanceof ProgressEvent.Said s) {
            output.err().println(s.text());
            output.err().flush();
        }
    }
}
