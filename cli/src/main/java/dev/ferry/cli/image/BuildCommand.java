package dev.ferry.cli.image;

import dev.ferry.cli.OutputOption;
import dev.ferry.cli.Table;
import dev.ferry.cli.TerminalProgress;
import dev.ferry.image.build.BuildOptions;
import dev.ferry.image.build.BuildResult;
import dev.ferry.image.build.ImageBuild;
import dev.ferry.image.config.ImageConfig;
import dev.ferry.image.config.ImageConfigFile;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.progress.Progress;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ferry image build}: bake a node AMI on a builder that has only a private IP. */
@Command(name = "build",
        header = "Bake a node AMI on a builder that has only a private IP.",
        mixinStandardHelpOptions = true,
        description = {
            "Launches the builder with no public IP, runs the bake steps over SSH to its",
            "private IP (host key checked against its console output), stops it, creates",
            "the AMI, waits until it is available, copies it to image.copyTo, and always",
            "terminates the builder and deletes the temporary key pair and security group.",
            "An AMI whose name already exists is skipped if Ferry finished building it",
            "(tag ferry.build-state=complete); one it did not finish is refused (--force",
            "rebuilds either).",
            "image.yaml is described in docs/ami-pipeline.md.",
            "",
            "Examples:",
            "  ferry image build --config image.yaml --dry-run",
            "  ferry image build --config image.yaml --output json > ami.json"})
public final class BuildCommand implements Callable<Integer> {

    @Option(names = {"-c", "--config"}, required = true, paramLabel = "FILE", description = "The image.yaml describing the build.")
    Path config;

    @Option(names = "--dry-run", description = "Print every EC2 call the build would make and the bake scripts; create nothing (no AWS access needed).")
    boolean dryRun;

    @Option(names = "--force", description = "Rebuild even if an AMI with the name exists; the old one is deregistered just before the new one is created.")
    boolean force;

    @Mixin
    KeepOnFailureOption keepOnFailure;

    @Mixin
    OutputOption output;

    @Mixin
    Ec2Options ec2;

    @Override
    public Integer call() {
        PrintWriter out = output.out();
        ImageConfig cfg = ImageConfigFile.read(config);
        BuildOptions options = BuildOptions.defaults().withForce(force).withKeepOnFailure(keepOnFailure.value());
        if (dryRun) {
            out.println("# dry run of " + config + ": nothing is created. Values in <angle brackets> come from EC2 at build time;");
            out.println("# the dry run assumes no AMI of this name exists yet and that the source AMI resolves.");
            ImageBuild.dryRun(cfg, out, options).run();
            out.flush();
            return 0;
        }
        BuildResult r;
        try (Ec2Clients clients = ec2.clients()) {
            r = new ImageBuild(cfg, clients, options, Progress.root("image build", TerminalProgress.steps(output.err()))).run();
        }
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("buildId", r.buildId());
            json.put("name", r.imageName());
            json.put("skipped", r.skipped());
            json.put("amis", r.amis());
            Map<String, Object> hostKey = new LinkedHashMap<>();
            hostKey.put("fingerprint", r.hostKey());
            hostKey.put("verified", r.hostKeyVerified());
            json.put("hostKey", hostKey);
            json.put("leftovers", r.leftovers());
            output.printJson(json);
        } else {
            Table t = new Table("REGION", "AMI", "NAME");
            r.amis().forEach((region, id) -> t.row(region, id, r.imageName()));
            t.print(out);
            out.println();
            out.println((r.skipped() ? "AMI already existed: nothing baked (--force rebuilds it)." : "Built by " + r.buildId() + ".")
                    + r.hostKey().map(k -> " Builder host key " + k + (r.hostKeyVerified() ? " (verified against the console output)." : " (NOT verified: recorded only).")).orElse(""));
            if (!r.leftovers().isEmpty()) {
                out.println("Cleanup left " + r.leftovers().size() + " resource(s) behind; see the warnings above.");
            }
        }
        out.flush();
        // an AMI that is fine but a leaked builder or group still needs someone's attention
        return r.leftovers().isEmpty() ? 0 : 1;
    }
}
