package dev.ferry.mirror.sync;

import dev.ferry.mirror.asset.Asset;
import java.util.Optional;

/**
 * What happened to one asset (or, in a dry run, what would).
 *
 * @param bytes  bytes published (0 when skipped or failed)
 * @param reason why it failed, or a short note (e.g. "sidecar matches")
 */
public record SyncOutcome(Asset asset, String key, Status status, long bytes, Optional<String> reason) {

    public enum Status {
        /** Object and sidecar written (dry run: would be). */
        PUBLISHED("published", "would publish"),
        /** The target's sidecar already matched: nothing written (the rule of {@code kops get assets --copy}). */
        SKIPPED("skipped", "would skip"),
        /** Not published; {@link #reason} says why. Anything published before stays. */
        FAILED("failed", "would fail");

        private final String done;
        private final String planned;

        Status(String done, String planned) {
            this.done = done;
            this.planned = planned;
        }

        /** "published" or, for a dry run, "would publish". */
        public String label(boolean dryRun) {
            return dryRun ? planned : done;
        }
    }
}
