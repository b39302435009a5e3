package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;
import java.util.Locale;

/** The cluster's network plugin, as far as it changes what kOps downloads (the CNI reference plugins). */
public enum Networking implements Word {
    AMAZONVPC,
    CILIUM,
    CALICO,
    /** Anything else (kubenet, flannel, kindnet, …): kOps installs the reference CNI plugins. */
    OTHER;

    public static Networking parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("amazon-vpc-routed-eni") || t.equals("amazon-vpc")) {
            return AMAZONVPC;
        }
        return Word.find(values(), t)
                .orElseThrow(() -> FerryException.badInput("unknown networking '" + text + "'", "use " + Word.choices(values())));
    }

    @Override
    public String toString() {
        return id();
    }
}
