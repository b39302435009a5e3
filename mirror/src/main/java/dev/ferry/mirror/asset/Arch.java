package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** A CPU architecture as Kubernetes and kOps name it in URLs. */
public enum Arch {
    AMD64("amd64"),
    ARM64("arm64");

    private final String id;

    Arch(String id) {
        this.id = id;
    }

    /** The name used in URLs and keys: {@code amd64}, {@code arm64}. */
    public String id() {
        return id;
    }

    public static Arch parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("x86_64")) {
            return AMD64;
        }
        if (t.equals("aarch64")) {
            return ARM64;
        }
        for (Arch a : values()) {
            if (a.id.equals(t)) {
                return a;
            }
        }
        throw FerryException.badInput("unknown architecture '" + text + "'",
                "use one of: " + Arrays.stream(values()).map(Arch::id).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return id;
    }
}
