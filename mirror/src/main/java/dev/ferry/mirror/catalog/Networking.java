package dev.ferry.mirror.catalog;

import dev.ferry.error.FerryException;
import java.util.Locale;

/** The cluster's network plugin, as far as it changes what kOps downloads (the CNI reference plugins). */
public enum Networking {
    AMAZONVPC("amazonvpc"),
    CILIUM("cilium"),
    CALICO("calico"),
    /** Anything else (kubenet, flannel, kindnet, …): kOps installs the reference CNI plugins. */
    OTHER("other");

    private final String id;

    Networking(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static Networking parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("amazon-vpc-routed-eni") || t.equals("amazon-vpc")) {
            return AMAZONVPC;
        }
        for (Networking n : values()) {
            if (n.id.equals(t)) {
                return n;
            }
        }
        throw FerryException.badInput("unknown networking '" + text + "'", "use amazonvpc, cilium, calico or other");
    }

    @Override
    public String toString() {
        return id;
    }
}
