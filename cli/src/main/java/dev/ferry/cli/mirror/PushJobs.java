package dev.ferry.cli.mirror;

import dev.ferry.cli.JobsOption;

/** {@code push --jobs}: uploads run beside the bundle's one stream; four keep a bucket busy without staging much on disk. */
final class PushJobs extends JobsOption {
    PushJobs() {
        super(4);
    }
}
