package dev.ferry.cli.image;

import dev.ferry.aws.AwsRegion;
import dev.ferry.cli.Table;
import dev.ferry.error.FerryException;
import dev.ferry.image.ec2.Ec2Clients;
import dev.ferry.image.move.ImageCopy;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
public final class CopyCommand extends ImageMoveCommand<ImageCopy.Copied> {

    @Mixin
    AmiOption ami;

    @Option(names = "--from", required = true, paramLabel = "REGION", description = "The AMI's region.")
    AwsRegion from;

    @Option(names = "--to", required = true, split = ",", paramLabel = "REGION", description = "Target regions, comma-separated.")
    List<AwsRegion> to;

    /** The target regions, each once: CopyImage stays inside a partition and does not copy onto its source. */
    private List<String> targets() {
        List<String> targets = new ArrayList<>();
        for (AwsRegion r : to) {
            ImageCopy.checkSamePartition(from.name(), r.name());
            if (r.equals(from)) {
                throw FerryException.badInput("--to names the source region " + from.name(), "copy to other regions only");
            }
            if (!targets.contains(r.name())) {
                targets.add(r.name());
            }
        }
        return targets;
    }

    @Override
    void check() {
        targets();
    }

    @Override
    ImageCopy.Copied move(Ec2Clients clients) {
        return new ImageCopy(clients, job.waiter(), job.timeout(Duration.ofMinutes(90)), job.progress("image copy"))
                .copyAmi(from.name(), ami.id(), targets());
    }

    @Override
    Map<String, Object> json(ImageCopy.Copied copied) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("source", amiJson(from.name(), ami.id(), copied.name()));
        json.put("amis", copied.copies());
        return json;
    }

    @Override
    void text(ImageCopy.Copied copied, PrintWriter out) {
        Table t = new Table("REGION", "AMI", "NAME");
        copied.copies().forEach((region, id) -> t.row(region, id, copied.name()));
        t.print(out);
    }
}
