package dev.ferry.mirror.catalog;

import dev.ferry.mirror.layout.Layout;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A kOps release line as the catalog knows it.
 *
 * @param releases   the releases the catalog's rules were checked against (empty: the rules do not
 *                   depend on the patch release)
 * @param next       the line's coming release, read at a commit of kOps's default branch
 * @param kubernetes the Kubernetes version kOps picks for the line, used when none is given
 */
record ReleaseLine(Version kops, List<Version> releases, Optional<Next> next, Version kubernetes, Origin kubernetesOrigin,
        Layout layout) {

    /** A release not tagged yet: its rules were read at {@code read} ("master@268927e"). */
    record Next(Version kops, String read) {}

    ReleaseLine {
        releases = List.copyOf(releases);
    }

    /** Every release the rules were written for, oldest first. */
    List<Version> known() {
        List<Version> all = new ArrayList<>(releases);
        next.ifPresent(n -> all.add(n.kops()));
        all.sort(Version::compareWithPreRelease);
        return all;
    }

    /**
     * The release whose rules {@code requested} gets: itself when the catalog knows it, else the newest
     * release it knows of the line (empty when the line's rules do not depend on the release).
     */
    Optional<Version> rulesFor(Version requested) {
        List<Version> known = known();
        if (known.isEmpty() || known.stream().anyMatch(v -> v.compareWithPreRelease(requested) == 0)) {
            return Optional.empty();
        }
        return Optional.of(known.get(known.size() - 1));
    }

    boolean isNext(Version v) {
        return next.map(n -> n.kops().compareWithPreRelease(v) == 0).orElse(false);
    }
}
