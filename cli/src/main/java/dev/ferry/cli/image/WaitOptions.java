package dev.ferry.cli.image;

import dev.ferry.image.ec2.Waiter;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long copy, store and restore wait for EC2, and how often they look. */
public final class WaitOptions {

    @Option(names = "--timeout", paramLabel = "DURATION", description = "How long to wait for EC2 to finish, e.g. 90m or 2h (default: 90m for copy, 2h for store and restore).")
    String timeout;

    @Option(names = "--poll", paramLabel = "DURATION", description = "Delay between status checks (default: ${DEFAULT-VALUE}).")
    String poll = "15s";

    Waiter waiter() {
        return new Waiter(Checks.duration("--poll", poll));
    }

    Duration timeout(Duration fallback) {
        return timeout == null ? fallback : Checks.duration("--timeout", timeout);
    }
}
