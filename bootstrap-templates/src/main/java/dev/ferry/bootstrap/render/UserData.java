package dev.ferry.bootstrap.render;

import dev.ferry.bootstrap.maxpods.MaxPods;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Rendered user-data and what went into it.
 *
 * @param text   the user-data exactly as EC2 should receive it (before base64)
 * @param format script or cloud-init
 * @param assets the node assets the script fetches, per arch, with the hash it checks
 * @param notes  decisions worth telling the operator (CNI left to the Amazon VPC CNI, …)
 * @param maxPods         kubelet's maxPods as set in the user-data; empty where kubelet's default (or nodeup) decides
 * @param computedMaxPods how it was computed, when it was computed for an instance type
 */
public record UserData(String text, UserDataFormat format, List<NodeAsset> assets, List<String> notes, OptionalInt maxPods,
        Optional<MaxPods> computedMaxPods) {
    /** EC2 refuses user-data above 16 KB (16,384 bytes) before base64 encoding. */
    public static final int EC2_LIMIT_BYTES = 16 * 1024;

    public UserData {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(format, "format");
        assets = List.copyOf(assets);
        notes = List.copyOf(notes);
        Objects.requireNonNull(maxPods, "maxPods");
        Objects.requireNonNull(computedMaxPods, "computedMaxPods");
    }

    /** Size in bytes as EC2 counts it. */
    public int bytes() {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
