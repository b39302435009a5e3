package dev.ferry.mirror.catalog;

import dev.ferry.format.YamlNode;
import java.util.Map;
import java.util.Optional;

/** Where a catalog rule comes from: read in kOps's code at a tag or commit, or not confirmed by any source. */
sealed interface Origin {

    /** {@code where} names the kOps tag or commit and the file: "v1.28.1 pkg/model/components/containerd.go". */
    record Read(String where) implements Origin {}

    /** A rule no source confirmed; plan tells the user when it uses one. */
    record Unconfirmed(String why) implements Origin {}

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
}
