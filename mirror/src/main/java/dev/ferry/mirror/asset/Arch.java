package dev.ferry.mirror.asset;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;

/** A CPU architecture as Kubernetes and kOps name it in URLs. */
public enum Arch implements Word {
    AMD64,
    ARM64;

    public static Arch parse(String text) {
        String t = text.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.equals("x86_64")) {
            return AMD64;
        }
        if (t.equals("aarch64")) {
            return ARM64;
        }
        return Word.find(values(), t)
                .orElseThrow(() -> FerryException.badInput("unknown architecture '" + text + "'", "use " + Word.choices(values())));
    }

    @Override
    public String toString() {
        return id();
    }
}
