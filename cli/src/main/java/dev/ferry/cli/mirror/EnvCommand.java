package dev.ferry.cli.mirror;

import dev.ferry.cli.OutputFormat;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.mirror.env.KopsSettings;
import dev.ferry.mirror.env.MirrorEnv;
import dev.ferry.mirror.env.PublicUrl;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockedImage;
import dev.ferry.registry.env.ImageEnv;
import dev.ferry.registry.env.ImageSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry mirror env}: what to give kOps so it reads the mirror. */
@Command(name = "env",
        header = "Print the settings that make kOps read the mirror at a public URL, and pull images from a registry.",
        mixinStandardHelpOptions = true,
        description = {
            "They are KOPS_BASE_URL, the spec.assets.fileRepository snippet and the",
            "--kubernetes-version URL, with a warning when the URL cannot work",
            "(s3:// in AWS China, a KOPS_BASE_URL kOps 1.36+ refuses, a bucket name",
            "with dots over HTTPS, ...). Works offline: nothing is fetched; test the",
            "URL with `ferry mirror verify --public-url`.",
            "With --registry: the images' settings, spec.assets.containerProxy (or",
            "containerRegistry with --image-naming registry) or, with",
            "--containerd-mirrors, spec.containerd.registryMirrors, and the",
            "spec.networking.amazonVPC image overrides where the VPC CNI is mirrored.",
            "Give --public-url, --registry or both.",
            "Exit code 1 when a warning says the settings cannot work.",
            "",
            "Examples:",
            "  ferry mirror env --kops 1.30.4 --kubernetes 1.30.0 \\",
            "      --public-url https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops",
            "  eval \"$(ferry mirror env --lock ferry.lock -o shell \\",
            "      --public-url http://10.0.0.5:8080)\"",
            "  ferry mirror env --lock ferry.lock \\",
            "      --registry 123456789012.dkr.ecr.cn-north-1.amazonaws.com.cn/kops",
            "  ferry mirror env --lock ferry.lock --registry http://10.0.0.5:8080 \\",
            "      --containerd-mirrors"})
public final class EnvCommand implements Callable<Integer> {

    @Mixin
    PublicUrlOption publicUrl;

    @Option(names = "--region", paramLabel = "REGION", description = "The cluster's region, e.g. cn-north-1: sharpens the warnings about partitions.")
    String region;

    @Mixin
    LockInput input;

    @Mixin
    RegistryOptions images;

    @Option(names = "--containerd-mirrors",
            description = "Keep the images' upstream names and print spec.containerd.registryMirrors (one entry per upstream registry) instead of renaming them; the registry must hold them under their upstream paths at its root.")
    boolean containerdMirrors;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default), json, or shell (export lines, warnings as comments).")
    OutputFormat output = OutputFormat.TEXT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Optional<PublicUrl> url = publicUrl.value();
        if (url.isEmpty() && images.target().isEmpty()) {
            throw FerryException.badInput("nothing to print settings for", "give --public-url URL (files), --registry REGISTRY (images), or both");
        }
        if (containerdMirrors && images.target().isEmpty()) {
            throw FerryException.badInput("--containerd-mirrors needs --registry", "e.g. --registry http://10.0.0.5:8080 --containerd-mirrors");
        }
        Lock l = input.read();
        List<KopsSettings> files = url.map(u -> fileSettings(u, l)).orElse(List.of());
        Optional<ImageSettings> image = images.target().map(t -> ImageEnv.settings(t, images.naming(), containerdMirrors,
                l.images().stream().map(LockedImage::reference).toList()));
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case JSON -> out.println(Json.write(json(url, files, image)));
            case SHELL -> {
                EnvView.shell(out, files);
                image.ifPresent(s -> ImageEnvView.shell(out, s));
            }
            default -> {
                EnvView.text(out, files);
                if (!files.isEmpty() && image.isPresent()) {
                    out.println();
                }
                image.ifPresent(s -> ImageEnvView.text(out, s));
            }
        }
        out.flush();
        List<String> warnings = new ArrayList<>();
        files.forEach(s -> s.notes().stream().filter(n -> n.severity() == KopsSettings.Severity.WARNING).forEach(n -> warnings.add(n.text())));
        image.ifPresent(s -> s.notes().stream().filter(ImageSettings.Note::warning).forEach(n -> warnings.add(n.text())));
        if (!warnings.isEmpty() && output != OutputFormat.TEXT) {
            PrintWriter err = spec.commandLine().getErr();
            warnings.forEach(w -> err.println("warning: " + w));
            err.flush();
        }
        return warnings.isEmpty() ? 0 : FerryException.FAILED;
    }

    private List<KopsSettings> fileSettings(PublicUrl url, Lock l) {
        List<KopsSettings> all = MirrorEnv.settings(url, l, Optional.ofNullable(region).map(String::trim));
        if (all.isEmpty()) {
            throw FerryException.badInput("the lock names no kOps release", "plan with --kops VERSION; env needs to know which kOps reads the mirror");
        }
        return all;
    }

    /** The files' settings as before (a list, one per kOps release), and the images' beside them when asked for. */
    private Object json(Optional<PublicUrl> url, List<KopsSettings> files, Optional<ImageSettings> image) {
        if (image.isEmpty()) {
            return EnvView.json(url.orElseThrow(), files);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        if (!files.isEmpty()) {
            m.put("files", EnvView.json(url.orElseThrow(), files));
        }
        m.put("images", ImageEnvView.json(image.get()));
        return m;
    }
}
