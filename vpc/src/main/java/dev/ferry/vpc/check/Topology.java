package dev.ferry.vpc.check;

import dev.ferry.error.FerryException;
import dev.ferry.format.Word;

/** kOps's topology: nodes in Public subnets (internet gateway, public IPs), or in Private subnets behind NAT with Utility subnets for load balancers. */
public enum Topology implements Word {
    PUBLIC, PRIVATE;

    public static Topology parse(String text) {
        return Word.find(values(), text).orElseThrow(() -> FerryException.badInput("topology '" + text + "' is neither public nor private",
                "as in kops create cluster --topology"));
    }
}
