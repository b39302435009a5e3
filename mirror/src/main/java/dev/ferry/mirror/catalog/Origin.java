package dev.ferry.mirror.catalog;

import dev.ferry.format.YamlNode;
import java.util.Map;
import java.util.Optional;

/**
 * Where a catalog rule or a planned image comes from: read in kOps's code at a tag or commit, not confirmed
 * by any source, or named by the user.
 */
public sealed interface Origin {

    /** {@code where} names the kOps tag or commit and the file: "v1.28.1 pkg/model/components/containerd.go". */
    record Read(String where) implements Origin {}

    /** A rule no source confirmed; plan tells the user when it uses one. */
    record Unconfirmed(String why) implements Origin {}

    /** Named by the user, not by the catalog: {@code where} is "--image" or the manifest and line. */
    record Given(String where) implements Origin {}

    /** The {@code read} or {@code unconfirmed} key of a catalog entry: exactly one of them. */
    static Origin of(YamlNode node, Map<String, YamlNode> m) {
        Optional<String> read = YamlNode.optString(m, "read");
        Optional<String> unconfirmed = YamlNode.optString(m, "unconfirmed");
        if (read.isPresent() == unconfirmed.isPresent()) {
            throw node.error("give either 'read' (the kOps tag or commit and file this was read from) or 'unconfirmed' (why no source confirms it)",
                    "every catalog rule says where it comes from");
        }
        return read.<Origin>map(Read::new).orElseGet(() -> new Unconfirmed(unconfirmed.get()));
    }

    /** How plan shows it: "kOps v1.28.1 pkg/model/…", "not confirmed: …", "given with --image". */
    default String describe() {
        if (this instanceof Read r) {
            return "kOps " + r.where();
        }
        if (this instanceof Unconfirmed u) {
            return "not confirmed: " + u.why();
        }
        return "given with " + ((Given) this).where();
    }
}
