package dev.ferry.bootstrap.render;

import dev.ferry.error.FerryException;
import dev.ferry.error.NetworkFailure;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The sha256 of files the lock does not pin had to come from the mirror's sidecars, and the mirror could not be
 * reached from here: nothing was rendered (exit 1), rather than user-data that leaves those files out.
 */
public final class MirrorUnreachable extends FerryException {
    private static final long serialVersionUID = 1L;

    private final List<String> files;
    private final Map<String, NetworkFailure> mirrors;

    /**
     * @param files   the files whose sha256 is unknown, as "kubectl amd64"
     * @param mirrors each mirror base URL that could not be reached, with why, in the order tried
     */
    public MirrorUnreachable(List<String> files, Map<String, NetworkFailure> mirrors) {
        super("cannot read the sha256 of " + files.size() + " file(s) the lock does not pin (" + String.join(", ", files)
                + ") from the mirror: " + mirrors.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue().describe())
                .collect(Collectors.joining("; ")),
                "each file's sha256 is written into the user-data, so it must be known now: check the network path from this "
                        + "machine to the mirror (HTTPS_PROXY and NO_PROXY apply), render where the mirror can be reached, "
                        + "or render from a lock that pins every hash", FAILED, null);
        this.files = List.copyOf(files);
        this.mirrors = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(mirrors));
    }

    public List<String> files() {
        return files;
    }

    /** Each unreachable mirror base URL with its failure. */
    public Map<String, NetworkFailure> mirrors() {
        return mirrors;
    }
}
