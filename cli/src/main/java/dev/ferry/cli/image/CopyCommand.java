package dev.ferry.cli.image;

import dev.ferry.cli.OutputOption;
import dev.ferry.cli.Table;
import dev.ferry.error.FerryException;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.move.ImageCopy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

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
    Ec2JobOptions job;

    @Mixin
    OutputOption output;

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
        ImageCopy.Copied copied;
        try (Ec2Clients clients = job.clients()) {
            copied = new ImageCopy(clients, job.waiter(), job.timeout(Duration.ofMinutes(90)), job.progress("image copy"))
                    .copyAmi(from, ami, targets);
        }
        if (output.json()) {
            Map<String, Object> json = new LinkedHashMap<>();
            Map<String, Object> source = new LinkedHashMap<>();
            source.put("region", from);
            source.put("ami", ami);
            source.put("name", copied.name());
            json.put("source", source);
            json.put("amis", copied.copies());
            output.printJson(json);
            return 0;
        }
        Table t = new Table("REGION", "AMI", "NAME");
        copied.copies().forEach((region, id) -> t.row(region, id, copied.name()));
        t.print(output.out());
        output.out().flush();
        return 0;
    }
}
