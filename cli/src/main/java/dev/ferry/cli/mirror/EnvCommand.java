package dev.ferry.cli.mirror;

import dev.ferry.cli.OutputFormat;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.mirror.env.KopsSettings;
import dev.ferry.mirror.env.MirrorEnv;
import dev.ferry.mirror.env.PublicUrl;
import dev.ferry.mirror.lock.Lock;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
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
            case JSON -> out.println(Json.write(EnvView.json(url, all)));
            case SHELL -> EnvView.shell(out, all);
            default -> EnvView.text(out, all);
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
}
