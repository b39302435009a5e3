package dev.ferry.bootstrap.render;

import dev.ferry.error.FerryException;
import java.util.List;

/**
 * Files every node needs have no sha256 the renderer could write into the user-data, and nodes refuse files they
 * cannot check (exit 2: the lock or the mirror is not ready yet). {@link #sidecarProblems()} says what reading the
 * mirror's sidecars answered, when they were read.
 */
public final class NoHashAtRenderTime extends FerryException {
    private static final long serialVersionUID = 1L;
    private static final int PROBLEMS_SHOWN = 3;

    private final List<String> assets;
    private final List<String> sidecarProblems;

    /**
     * @param assets          each file as "kubelet amd64 (release/v1.30.0/bin/linux/amd64/kubelet)"
     * @param sidecarProblems what each sidecar read answered ("URL: HTTP 404"), empty when none was read
     */
    public NoHashAtRenderTime(List<String> assets, List<String> sidecarProblems) {
        super("no sha256 is known at render time for " + assets.size() + " asset(s): " + String.join(", ", assets)
                + (sidecarProblems.isEmpty() ? "" : "; reading the mirror's sidecars failed: "
                        + String.join("; ", sidecarProblems.stream().limit(PROBLEMS_SHOWN).toList())),
                "nodes refuse files they cannot check: sync the mirror first (ferry mirror sync) so Ferry can read each "
                        + "object's .sha256 sidecar from the mirror, or pin the hashes in the lock", BAD_USAGE, null);
        this.assets = List.copyOf(assets);
        this.sidecarProblems = List.copyOf(sidecarProblems);
    }

    public List<String> assets() {
        return assets;
    }

    public List<String> sidecarProblems() {
        return sidecarProblems;
    }

    /** The same failure, saying what the mirror's sidecars answered. */
    public NoHashAtRenderTime withSidecarProblems(List<String> problems) {
        return new NoHashAtRenderTime(assets, problems);
    }
}
