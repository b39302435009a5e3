package dev.ferry.vpc.check;

import dev.ferry.error.FerryException;
import java.util.Locale;

/** kOps's topology: nodes in Public subnets (internet gateway, public IPs), or in Private subnets behind NAT with Utility subnets for load balancers. */
public enum Topology {
    PUBLIC, PRIVATE;

    public static Topology parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "public" -> PUBLIC;
            case "private" -> PRIVATE;
            default -> throw FerryException.badInput("topology '" + text + "' is neither public nor private", "as in kops create cluster --topology");
        };
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
