package dev.ferry.cli;

import dev.ferry.mirror.layout.Layout;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --layout}: the mirror's layout, where its objects and sidecars are; one flag for plan, sync, env, push, verify and render. */
public final class LayoutOption {

    @Option(names = "--layout", paramLabel = "LAYOUT",
            description = "The mirror's layout: kops (fileRepository, sha256 sidecars) or legacy (2018 layout, sha1 sidecars). "
                    + "Default: the lock's (no lock: kops; a new plan: what its kOps line reads).")
    Layout layout;

    /** The layout given, if any; each command knows its own default. */
    public Optional<Layout> value() {
        return Optional.ofNullable(layout);
    }
}
