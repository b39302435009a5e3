package dev.ferry.cli.mirror;

import dev.ferry.error.FerryException;
import dev.ferry.error.SignatureRefused;
import dev.ferry.mirror.asset.SignatureStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** What a run's summary says of signatures: "signatures: 2 verified, 1 not checked, 9 unsigned." */
final class SignatureNote {
    private SignatureNote() {}

    /** How many are in each state; every "verified (…)" counts as verified. */
    static Map<String, Long> counts(List<SignatureStatus> statuses) {
        return statuses.stream().collect(Collectors.groupingBy(s -> s.isVerified() ? "verified" : s.text(), TreeMap::new, Collectors.counting()));
    }

    static Optional<String> of(List<SignatureStatus> statuses) {
        if (statuses.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("signatures: " + counts(statuses).entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().replace('-', ' ')).collect(Collectors.joining(", ")) + ".");
    }

    /** The value {@code --output json} gives an asset that failed: "refused" when its signature was, else "not-checked". */
    static String ofFailure(Optional<FerryException> failure) {
        return failure.filter(SignatureRefused.class::isInstance).map(f -> "refused").orElse(SignatureStatus.NOT_CHECKED.text());
    }
}
