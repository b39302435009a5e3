package dev.ferry.cli.image;

import dev.ferry.cli.TerminalProgress;
import dev.ferry.progress.Progress;
import dev.ferry.cli.OutputOption;
import dev.ferry.cli.Table;
import dev.ferry.error.FerryException;
import dev.ferry.format.Json;
import dev.ferry.image.ec2.Ec2;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.ec2.Images;
import dev.ferry.image.move.ImageCopy;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.ImageState;

/** {@code ferry image copy}: CopyImage to other regions of the same partition, and wait. */
@Command(name = "copy",
        header = "Copy an AMI to other regions of the same partition, and wait.",
        mixinStandardHelpOptions = true,
        description = {
            "Uses CopyImage and waits until every copy is available. A region that already",
            "has an AMI of the same name is left alone. Into or out of AWS China use",
            "'ferry image store' and 'ferry image restore' instead (docs/ami-pipeline.md).",
            "",
            "Example:",
            "  ferry image copy --ami ami-0123456789abcdef0 \\",
            "      --from cn-north-1 --to cn-northwest-1"})
public final class CopyCommand implements Callable<Integer> {

    @Option(names = "--ami", required = true, paramLabel = "AMI", description = "The AMI to copy.")
    String ami;

    @Option(names = "--from", required = true, paramLabel = "REGION", description = "The AMI's region.")
    String from;

    @Option(names = "--to", required = true, split = ",", paramLabel = "REGION", description = "Target regions, comma-separated.")
    List<String> to;

    @Mixin
    WaitOptions waits;

    @Mixin
    OutputOption output;

    @Mixin
    Ec2Options ec2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Checks.amiId(ami);
        Checks.region(from);
        List<String> targets = new ArrayList<>();
        for (String r : to) {
            Checks.region(r);
            ImageCopy.checkSamePartition(from, r);
            if (r.equals(from)) {
                throw FerryException.badInput("--to names the source region " + from, "copy to other regions only");
            }
            if (!targets.contains(r)) {
                targets.add(r);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        Progress progress = Progress.root("image copy", TerminalProgress.steps(spec.commandLine().getErr()));
        Map<String, String> copies;
        Image image;
        try (Ec2Clients clients = ec2.clients()) {
            Ec2 source = clients.region(from);
            image = Images.find(source, ami).orElseThrow(() -> FerryException.badInput("no AMI " + ami + " in " + from,
                    "check --ami and --from"));
            if (!ImageState.AVAILABLE.equals(image.state())) {
                throw new FerryException(ami + " is " + image.stateAsString() + ", not available", "copy it once it is available");
            }
            Map<String, String> started = new LinkedHashMap<>();
            var waiter = waits.waiter();
            Duration limit = waits.timeout(Duration.ofMinutes(90));
            try {
                copies = new ImageCopy(clients, waiter, limit, progress).copy(source, image, targets,
                        Map.of("ferry.source-ami", ami, "ferry.source-region", from), started);
            } catch (FerryException e) {
                started.forEach((region, id) -> {
                    progress.info("deregistering the unfinished copy " + id + " in " + region);
                    try {
                        Images.deregister(clients.region(region), id, List.of(), java.util.Optional.empty(), waiter, limit);
                    } catch (FerryException cleanup) {
                        progress.warn("could not deregister " + id + " in " + region + ": " + cleanup.getMessage());
                    }
                });
                throw e;
            }
        }
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("source", Map.of("region", from, "ami", ami, "name", image.name()));
            json.put("amis", copies);
            out.println(Json.write(json));
        } else {
            Table t = new Table("REGION", "AMI", "NAME");
            copies.forEach((region, id) -> t.row(region, id, image.name()));
            t.print(out);
        }
        out.flush();
        return 0;
    }
}
