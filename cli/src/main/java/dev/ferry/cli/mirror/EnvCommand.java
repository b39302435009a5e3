package dev.ferry.cli.mirror;

import dev.ferry.cli.OutputFormat;
import dev.ferry.shell.ShellQuote;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.mirror.env.KopsSettings;
import dev.ferry.mirror.env.MirrorEnv;
import dev.ferry.mirror.env.PublicUrl;
import dev.ferry.mirror.lock.Lock;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        header = "Print the settings that make kOps read the mirror at a public URL.",
        mixinStandardHelpOptions = true,
        description = {
            "They are KOPS_BASE_URL, the spec.assets.fileRepository snippet and the",
            "--kubernetes-version URL, with a warning when the URL cannot work",
            "(s3:// in AWS China, a KOPS_BASE_URL kOps 1.36+ refuses, a bucket name",
            "with dots over HTTPS, ...). Works offline: nothing is fetched; test the",
            "URL with `ferry mirror verify --public-url`.",
            "Exit code 1 when a warning says the settings cannot work.",
            "",
            "Examples:",
            "  ferry mirror env --kops 1.30.4 --kubernetes 1.30.0 \\",
            "      --public-url https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops",
            "  eval \"$(ferry mirror env --lock ferry.lock -o shell \\",
            "      --public-url http://10.0.0.5:8080)\""})
public final class EnvCommand implements Callable<Integer> {

    @Option(names = "--public-url", required = true, paramLabel = "URL",
            description = "Where kOps and nodes read the mirror, e.g. https://my-bucket.s3.cn-north-1.amazonaws.com.cn/kops or http://10.0.0.5:8080.")
    String publicUrl;

    @Option(names = "--lock", paramLabel = "FILE", description = "The lock the mirror was synced from (or give the plan flags).")
    Path lock;

    @Option(names = "--region", paramLabel = "REGION", description = "The cluster's region, e.g. cn-north-1: sharpens the warnings about partitions.")
    String region;

    @Mixin
    PlanOptions what;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", description = "text (default), json, or shell (export lines, warnings as comments).")
    OutputFormat output = OutputFormat.TEXT;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PublicUrl url = PublicUrl.parse(publicUrl);
        Lock l = what.lockOr(Optional.ofNullable(lock));
        List<KopsSettings> all = MirrorEnv.settings(url, l, Optional.ofNullable(region).map(String::trim));
        if (all.isEmpty()) {
            throw FerryException.badInput("the lock names no kOps release", "plan with --kops VERSION; env needs to know which kOps reads the mirror");
        }
        PrintWriter out = spec.commandLine().getOut();
        switch (output) {
            case JSON -> out.println(Json.write(json(url, all)));
            case SHELL -> shell(out, all);
            default -> text(out, all);
        }
        out.flush();
        boolean cannotWork = all.stream().anyMatch(KopsSettings::hasWarnings);
        if (cannotWork && output != OutputFormat.TEXT) {
            PrintWriter err = spec.commandLine().getErr();
            all.forEach(s -> s.notes().stream().filter(n -> n.severity() == KopsSettings.Severity.WARNING)
                    .forEach(n -> err.println("warning: " + n.text())));
            err.flush();
        }
        return cannotWork ? FerryException.FAILED : 0;
    }

    private static void text(PrintWriter out, List<KopsSettings> all) {
        boolean first = true;
        for (KopsSettings s : all) {
            if (!first) {
                out.println();
            }
            first = false;
            out.printf("kOps %s, Kubernetes %s, %s layout, mirror at %s%n%n", s.kops(), s.kubernetes(), s.layout().id(), s.publicUrl());
            if (s.kopsBaseUrl().isPresent() || s.cniVersionUrl().isPresent()) {
                out.println("In the shell that runs kops:");
                s.kopsBaseUrl().ifPresent(u -> out.println("  export KOPS_BASE_URL=" + ShellQuote.word(u)));
                s.cniVersionUrl().ifPresent(u -> out.println("  export CNI_VERSION_URL=" + ShellQuote.word(u)));
                out.println();
            }
            s.fileRepository().ifPresent(f -> {
                out.println("In the cluster spec (kops edit cluster):");
                out.println("  spec:");
                out.println("    assets:");
                out.println("      fileRepository: " + f);
                out.println();
            });
            s.kubernetesVersionUrl().ifPresent(k -> {
                out.println("When creating the cluster (kube-* images from the mirror):");
                out.println("  kops create cluster --kubernetes-version " + ShellQuote.word(k) + " …");
                out.println();
            });
            for (KopsSettings.Note n : s.notes()) {
                out.println(n.severity().id() + ": " + n.text());
            }
            if (s.notes().isEmpty()) {
                out.println("No problems found with this URL. Check it is anonymously readable: ferry mirror verify --public-url " + s.publicUrl());
            }
        }
    }

    private static void shell(PrintWriter out, List<KopsSettings> all) {
        if (all.size() > 1) {
            throw FerryException.badInput("the lock holds " + all.size() + " kOps releases ("
                    + String.join(", ", all.stream().map(KopsSettings::kops).toList()) + "); export lines can only describe one",
                    "use --output text or json, or give --kops VERSION [--kubernetes VERSION] instead of --lock");
        }
        KopsSettings s = all.get(0);
        out.printf("# ferry mirror env: kOps %s, Kubernetes %s, %s layout, mirror at %s%n", s.kops(), s.kubernetes(), s.layout().id(),
                s.publicUrl());
        s.kopsBaseUrl().ifPresent(u -> out.println("export KOPS_BASE_URL=" + ShellQuote.word(u)));
        s.cniVersionUrl().ifPresent(u -> out.println("export CNI_VERSION_URL=" + ShellQuote.word(u)));
        s.fileRepository().ifPresent(u -> out.println("export FERRY_FILE_REPOSITORY=" + ShellQuote.word(u)));
        s.kubernetesVersionUrl().ifPresent(u -> out.println("export FERRY_KUBERNETES_VERSION_URL=" + ShellQuote.word(u)));
        for (KopsSettings.Note n : s.notes()) {
            out.println("# " + n.severity().id() + ": " + n.text().replace('\n', ' '));
        }
    }

    private static Map<String, Object> json(PublicUrl url, List<KopsSettings> all) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("publicUrl", url.value());
        json.put("clusters", all.stream().map(s -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kops", s.kops());
            m.put("kubernetes", s.kubernetes());
            m.put("layout", s.layout().id());
            m.put("KOPS_BASE_URL", s.kopsBaseUrl());
            m.put("CNI_VERSION_URL", s.cniVersionUrl());
            m.put("fileRepository", s.fileRepository());
            m.put("kubernetesVersionUrl", s.kubernetesVersionUrl());
            m.put("notes", s.notes().stream().map(n -> Map.of("severity", n.severity().id(), "text", n.text())).toList());
            return m;
        }).toList());
        json.put("cannotWork", all.stream().anyMatch(KopsSettings::hasWarnings));
        return json;
    }
}
