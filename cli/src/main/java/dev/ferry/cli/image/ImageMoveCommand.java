package dev.ferry.cli.image;

import dev.ferry.cli.OutputOption;
import dev.ferry.image.ec2.Ec2Clients;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;

/**
 * What copy, store and restore are: the flags checked, one move of an AMI that EC2 does while Ferry waits (with
 * {@link Ec2JobOptions}: how to reach EC2, how long to wait, progress on stderr), then its result for people or as
 * one JSON document.
 */
abstract class ImageMoveCommand<R> implements Callable<Integer> {

    @Mixin
    Ec2JobOptions job;

    @Mixin
    OutputOption output;

    /** Refuses flags that cannot work before any AWS client exists (bad usage, exit 2); nothing by default. */
    void check() {
    }

    /** Asks EC2 for the move and waits until it is done. */
    abstract R move(Ec2Clients clients);

    /** The result as {@code -o json} prints it. */
    abstract Map<String, Object> json(R result);

    /** The result for people. */
    abstract void text(R result, PrintWriter out);

    /** An AMI as every move's JSON names it: region, id, name; the caller adds what is particular to its move. */
    static Map<String, Object> amiJson(String region, String imageId, String name) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("region", region);
        json.put("ami", imageId);
        json.put("name", name);
        return json;
    }

    @Override
    public final Integer call() {
        check();
        R result;
        try (Ec2Clients clients = job.clients()) {
            result = move(clients);
        }
        if (output.json()) {
            output.printJson(json(result));
        } else {
            text(result, output.out());
            output.out().flush();
        }
        return 0;
    }
}
