package dev.ferry.bootstrap.render;

import java.io.StringWriter;
import java.util.List;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.StreamDataWriter;
import org.snakeyaml.engine.v2.comments.CommentLine;
import org.snakeyaml.engine.v2.comments.CommentType;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The {@code #cloud-config} that writes the bootstrap script to disk and runs it once. Built as a YAML
 * node tree and written by snakeyaml-engine's emitter, never by pasting text, so the script's lines can
 * only ever be the content of one block scalar: its top-level keys are exactly {@code write_files} and
 * {@code runcmd}. The emitter is YAML 1.2, which does not break lines at U+0085, U+2028 or U+2029 while
 * cloud-init's PyYAML does; the renderer therefore keeps those out of every value beforehand.
 */
final class CloudConfig {
    static final String SCRIPT_PATH = "/var/lib/ferry/bootstrap.sh";

    private CloudConfig() {}

    /**
     * @param generatedBy what made the lock, already escaped (it becomes a comment)
     * @param script      the bootstrap script, written byte for byte as the file's content
     */
    static String render(String generatedBy, String script) {
        MappingNode file = map(
                tuple("path", plain(SCRIPT_PATH)),
                tuple("owner", plain("root:root")),
                tuple("permissions", new ScalarNode(Tag.STR, "0700", ScalarStyle.SINGLE_QUOTED)),
                tuple("content", new ScalarNode(Tag.STR, script, ScalarStyle.LITERAL)));
        SequenceNode run = new SequenceNode(Tag.SEQ, List.of(plain("bash"), plain(SCRIPT_PATH)), FlowStyle.FLOW);
        MappingNode root = map(
                tuple("write_files", new SequenceNode(Tag.SEQ, List.of(file), FlowStyle.BLOCK)),
                tuple("runcmd", new SequenceNode(Tag.SEQ, List.of(run), FlowStyle.BLOCK)));
        root.setBlockComments(List.of(
                comment("cloud-config"),
                comment(" Node bootstrap rendered by " + generatedBy + " (ferry bootstrap render --format cloud-init)."),
                comment(" cloud-init writes the bootstrap script and runs it once; its log lines start with \"ferry-bootstrap:\".")));
        DumpSettings settings = DumpSettings.builder().setDumpComments(true).setSplitLines(false).build();
        Text out = new Text();
        new Dump(settings).dumpNode(root, out);
        return out.toString();
    }

    private static ScalarNode plain(String value) {
        return new ScalarNode(Tag.STR, value, ScalarStyle.PLAIN);
    }

    private static NodeTuple tuple(String key, Node value) {
        return new NodeTuple(plain(key), value);
    }

    private static MappingNode map(NodeTuple... tuples) {
        return new MappingNode(Tag.MAP, List.of(tuples), FlowStyle.BLOCK);
    }

    private static CommentLine comment(String text) {
        return new CommentLine(Optional.empty(), Optional.empty(), text, CommentType.BLOCK);
    }

    /** The emitter writes to a {@link StreamDataWriter}; this one collects a string. */
    private static final class Text extends StringWriter implements StreamDataWriter {
        @Override
        public void flush() {
            super.flush();
        }
    }
}
