package dev.ferry.bootstrap.render;

import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.AssetKind;
import dev.ferry.mirror.asset.Hash;
import java.util.Objects;

/**
 * One file the node fetches: what it is, its key under the mirror URLs, and the sha256 checked before use.
 *
 * @param install how the script installs it (a binary, or a tarball unpacked into a folder)
 * @param target  the installed path (binary) or folder (tarball), relative to the node's root
 */
public record NodeAsset(Arch arch, AssetKind kind, String version, String key, Hash sha256, Install install, String target) {
    /** How the file is put in place. */
    public enum Install { BINARY, TARBALL }

    public NodeAsset {
        Objects.requireNonNull(arch, "arch");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(install, "install");
        Objects.requireNonNull(target, "target");
    }
}
