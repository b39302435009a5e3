package dev.ferry.bootstrap.render;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Arch;
import dev.ferry.mirror.asset.AssetKind;
import java.util.Optional;

/**
 * The lock and the options cannot make user-data that works: nothing was rendered (exit 2). {@link #reason()} says
 * which rule refused it and {@link #kind()}/{@link #arch()} which asset, so a caller can say which of its own settings
 * to change; the hint says it in the library's words.
 */
public final class RenderRefused extends FerryException {
    private static final long serialVersionUID = 1L;

    /** Which rule refused the render. */
    public enum Reason {
        /** The lock holds no file for any node architecture. */
        NO_ARCH_IN_LOCK,
        /** The lock lacks a file every node of {@link #arch()} needs. */
        NOT_IN_LOCK,
        /** The lock holds several versions of one node file, and nothing chose one. */
        SEVERAL_IN_LOCK,
        /** The Amazon VPC CNI runs pods, but kubelet's maxPods was left at its default. */
        MAX_PODS_NEEDED,
        /** The user-data is above EC2's 16 KB limit. */
        TOO_LARGE
    }

    private final Reason reason;
    private final Optional<AssetKind> kind;
    private final Optional<Arch> arch;

    RenderRefused(Reason reason, Optional<AssetKind> kind, Optional<Arch> arch, String message, String hint) {
        super(message, hint, BAD_USAGE, null);
        this.reason = reason;
        this.kind = kind;
        this.arch = arch;
    }

    static RenderRefused of(Reason reason, String message, String hint) {
        return new RenderRefused(reason, Optional.empty(), Optional.empty(), message, hint);
    }

    public Reason reason() {
        return reason;
    }

    /** The node file concerned, for {@link Reason#NOT_IN_LOCK} and {@link Reason#SEVERAL_IN_LOCK}. */
    public Optional<AssetKind> kind() {
        return kind;
    }

    /** The architecture concerned, for {@link Reason#NOT_IN_LOCK} and {@link Reason#SEVERAL_IN_LOCK}. */
    public Optional<Arch> arch() {
        return arch;
    }
}
