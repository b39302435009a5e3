package dev.ferry.cli;

import dev.ferry.error.FerryException;
import picocli.CommandLine.Option;

/** {@code --jobs N}: how many transfers or checks run at once (1 to 64). */
public class JobsOption {
    public static final int MAX = 64;

    @Option(names = "--jobs", paramLabel = "N", description = "How many at once, 1 to 64 (default: ${DEFAULT-VALUE}).")
    int jobs;

    public JobsOption() {
        this(8);
    }

    protected JobsOption(int defaultJobs) {
        this.jobs = defaultJobs;
    }

    public int value() {
        if (jobs < 1 || jobs > MAX) {
            throw FerryException.badInput("--jobs " + jobs + " is out of range", "use 1 to " + MAX);
        }
        return jobs;
    }
}
