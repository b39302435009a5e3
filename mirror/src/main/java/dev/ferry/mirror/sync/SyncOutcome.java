package dev.ferry.mirror.sync;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.SignatureStatus;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to one asset (or, in a dry run, what would).
 *
 * @param bytes   bytes published (0 when skipped or failed)
 * @param note    a short note (e.g. "sidecar matches", "ACL set to public-read")
 * @param failure why it failed, typed ({@link dev.ferry.error.Unreachable}, {@link dev.ferry.error.HashMismatch}, …) so
 *                failures can be reported by cause; present exactly when the status is {@link Status#FAILED}
 * @param aclSet  the object was already there and its ACL (and its sidecar's) was set to the one asked for
 * @param signature what this run verified of its upstream signature (not checked when it failed or was skipped)
 */
public record SyncOutcome(Asset asset, String key, Status status, long bytes, Optional<String> note, Optional<FerryException> failure,
                          boolean aclSet, SignatureStatus signature) {

    public SyncOutcome {
        Objects.requireNonNull(note, "note");
        Objects.requireNonNull(signature, "signature");
        if (failure.isPresent() != (status == Status.FAILED)) {
            throw new IllegalArgumentException("a failure goes with the FAILED status, and only with it");
        }
    }

    public static SyncOutcome published(Asset asset, String key, long bytes, Optional<String> note, SignatureStatus signature) {
        return new SyncOutcome(asset, key, Status.PUBLISHED, bytes, note, Optional.empty(), false, signature);
    }

    public static SyncOutcome skipped(Asset asset, String key, String note, boolean aclSet, SignatureStatus signature) {
        return new SyncOutcome(asset, key, Status.SKIPPED, 0, Optional.of(note), Optional.empty(), aclSet, signature);
    }

    public static SyncOutcome failed(Asset asset, String key, FerryException failure) {
        return new SyncOutcome(asset, key, Status.FAILED, 0, Optional.empty(), Optional.of(failure), false, SignatureStatus.NOT_CHECKED);
    }

    /** The failure's message, else the note. */
    public Optional<String> reason() {
        return failure.map(FerryException::getMessage).or(() -> note);
    }

    public enum Status {
        /** Object and sidecar written (dry run: would be). */
        PUBLISHED("published", "would publish"),
        /** The target's sidecar already matched: nothing written (the rule of {@code kops get assets --copy}). */
        SKIPPED("skipped", "would skip"),
        /** Not published; {@link #failure} says why. Anything published before stays. */
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
