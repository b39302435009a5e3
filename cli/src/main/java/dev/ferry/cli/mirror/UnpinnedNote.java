package dev.ferry.cli.mirror;

import dev.ferry.format.Sizes;
import java.nio.file.Path;
import java.util.Optional;

/** What sync, pack and push say about assets the lock does not pin, and the command that pins them. */
final class UnpinnedNote {
    private UnpinnedNote() {}

    /** The note, or empty when every asset is pinned. */
    static Optional<String> of(long unpinned, Optional<Path> lockFile) {
        if (unpinned == 0) {
            return Optional.empty();
        }
        return Optional.of("note: " + Sizes.count(unpinned, "asset is", "assets are") + " not pinned by the lock: "
                + (unpinned == 1 ? "its hash is" : "their hashes are") + " read from the upstream sidecar at download, and the bytes"
                + " must match that; pin them so every run checks against the reviewed lock: " + command(lockFile));
    }

    static String command(Optional<Path> lockFile) {
        return lockFile.map(f -> "ferry mirror lock pin " + f)
                .orElse("ferry mirror plan (the same plan flags) --resolve --lock-file ferry.lock, then --lock ferry.lock");
    }
}
