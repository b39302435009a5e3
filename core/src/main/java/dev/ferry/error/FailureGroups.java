package dev.ferry.error;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Many failures of one run, grouped by what caused them: 22 assets that failed because 4 host names do not
 * resolve are 4 causes, each said once with how many assets it stopped and a few of them by name.
 */
public final class FailureGroups {

    /** One thing that failed (an asset's key, a URL) and why. */
    public record Failure(String subject, FerryException error) {}

    /**
     * Every failure of one cause.
     *
     * @param cause    the cause in words, the same for all of them: "unknown host dl.k8s.io"
     * @param subjects what failed, in the order they failed
     * @param first    the first failure, for what to do about the cause
     */
    public record Group(String cause, List<String> subjects, FerryException first) {
        public Group {
            subjects = List.copyOf(subjects);
        }

        public int count() {
            return subjects.size();
        }

        /** The network failure behind this cause, when it is one. */
        public Optional<NetworkFailure> network() {
            return networkOf(first);
        }
    }

    private FailureGroups() {}

    /** The failures grouped by cause, causes in the order they first appear. */
    public static List<Group> of(List<Failure> failures) {
        Map<String, List<Failure>> byCause = new LinkedHashMap<>();
        for (Failure f : failures) {
            byCause.computeIfAbsent(key(f.error()), k -> new ArrayList<>()).add(f);
        }
        List<Group> groups = new ArrayList<>();
        for (List<Failure> fs : byCause.values()) {
            groups.add(new Group(cause(fs.get(0).error()), fs.stream().map(Failure::subject).toList(), fs.get(0).error()));
        }
        return groups;
    }

    /** The network failure that caused {@code e}: unreachable, or a checksum file that could not be read. */
    public static Optional<NetworkFailure> networkOf(FerryException e) {
        if (e instanceof Unreachable u) {
            return Optional.of(u.failure());
        }
        return e instanceof NoHashKnown n ? n.failure() : Optional.empty();
    }

    /** The cause of {@code e} in words: what every failure of its group shares. */
    public static String cause(FerryException e) {
        Optional<NetworkFailure> network = networkOf(e);
        if (network.isPresent()) {
            return network.get().cause();
        }
        if (e instanceof HashMismatch m) {
            return "downloaded bytes do not match the expected " + m.algorithm() + " (from " + NetworkFailure.hostOf(m.url()) + ")";
        }
        if (e instanceof NoHashKnown) {
            return "no usable checksum file";
        }
        if (e instanceof TargetRefused t && !t.reason().isEmpty()) {
            return t.target() + " refused: " + t.reason();
        }
        if (e instanceof SignatureRefused s) {
            return "signature refused: " + s.reason().words();
        }
        return e.getMessage();
    }

    /** Network failures group by kind, host and status; a hash mismatch is a cause of its own (that file changed). */
    private static String key(FerryException e) {
        Optional<NetworkFailure> network = networkOf(e);
        if (network.isPresent()) {
            return "network " + network.get().causeKey();
        }
        return e instanceof HashMismatch m ? "hash " + m.url() : e.getClass().getSimpleName() + " " + cause(e);
    }
}
