package dev.ferry.cli.image;

import dev.ferry.error.FerryException;
import dev.ferry.image.ec2.Waiter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long copy, store and restore wait for EC2, and how often they look. */
public final class WaitOptions {

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long to wait for EC2 to finish, e.g. 90m or 2h (default: 90m for copy, 2h for store and restore).")
    Duration timeout;

    @Option(names = "--poll", paramLabel = "DURATION", description = "Delay between status checks (default: 15s).")
    Duration poll = Duration.ofSeconds(15);

    Waiter waiter() {
        return new Waiter(positive("--poll", poll));
    }

    Duration timeout(Duration fallback) {
        return timeout == null ? fallback : positive("--timeout", timeout);
    }

    private static Duration positive(String flag, Duration d) {
        if (d.isZero() || d.isNegative()) {
            throw FerryException.badInput(flag + " must be longer than zero", "e.g. " + flag + " 30s");
        }
        return d;
    }
}
