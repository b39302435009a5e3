package dev.ferry.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.SourceMirror;
import dev.ferry.mirror.catalog.Catalog;
import dev.ferry.mirror.catalog.CatalogRequest;
import dev.ferry.mirror.catalog.Networking;
import dev.ferry.mirror.catalog.Version;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.plan.ExtraFile;
import dev.ferry.mirror.plan.PlanInput;
import dev.ferry.mirror.plan.Planner;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The fast reader must read Ferry's own locks exactly as the full parser does, and step aside for anything else. */
class BlockYamlTest {

    private static String lockText() {
        Lock lock = new Planner(Catalog.builtIn()).plan(new PlanInput(
                List.of(new CatalogRequest(Version.parse("1.30.4", "k"), Optional.of(Version.parse("1.30.0", "k")),
                                List.of(dev.ferry.mirror.asset.Arch.AMD64, dev.ferry.mirror.asset.Arch.ARM64), Networking.AMAZONVPC,
                                Set.of("kops-images", "kube-image-tars")),
                        CatalogRequest.of("1.9.0", Optional.empty())),
                Optional.empty(),
                List.of(new ExtraFile("https://example.com/a%20b/tool?x=1&y=2", Optional.of("00".repeat(32)), Optional.of("addons/a b.yaml"), "m:1")),
                List.of(SourceMirror.parse("https://github.com/=https://gh.example.cn/")), Optional.empty(), "ferry \"test\" 0.1")).lock();
        return LockFile.write(lock);
    }

    @Test
    void readsFerrysOwnLocksExactlyAsTheFullParser() {
        String text = lockText();
        assertTrue(BlockYaml.parse(text, "ferry.lock").isPresent(), "a lock Ferry wrote stays in the fast subset");
        Lock fast = LockFile.parse(text, "ferry.lock");
        // The same lock with a hand-written comment after a value goes through the full parser.
        String flowStyled = text.replace("lockVersion: 1\n", "lockVersion: 1   # written by hand\n");
        assertTrue(BlockYaml.parse(flowStyled, "ferry.lock").isEmpty(), "a comment after a value leaves the subset");
        assertEquals(fast, LockFile.parse(flowStyled, "ferry.lock"));
        assertEquals(lockText(), LockFile.write(fast), "read then written again: the same bytes");
    }

    @Test
    void treesAreTheSameNodeForNode() {
        String text = lockText();
        assertEquals(dump(Yaml.parse(text, "f")), dump(BlockYaml.parse(text, "f").orElseThrow()));
    }

    @Test
    void aUrlTheLockCouldNotReadBackIsRefusedAtPlanTime() {
        ExtraFile bad = new ExtraFile("https://example.com/a\"b", Optional.empty(), Optional.of("x/y"), "m.yaml:3");
        FerryException e = assertThrows(FerryException.class, () -> new Planner(Catalog.builtIn()).plan(
                new PlanInput(List.of(), Optional.empty(), List.of(bad), List.of(), Optional.empty(), "t")));
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
    }

    @Test
    void handEditsFallBackToTheFullParser() {
        for (String doc : List.of(
                "a: {b: 1}\n",
                "a: &x 1\nb: *x\n",
                "a: |\n  text\n",
                "a:\n\tb: 1\n",
                "a: 'single'\n",
                "a: yes\n",
                "a: 1.30\n",
                "- a\n-\n  - b\n",
                "a:\n    b: 1\n  c: 2\n",
                "---\na: 1\n")) {
            assertTrue(BlockYaml.parse(doc, "f").isEmpty(), doc);
        }
    }

    @Test
    void errorsStillNameTheLine() {
        FerryException hash = assertThrows(FerryException.class,
                () -> LockFile.parse(lockText().replaceFirst("sha256: 32a32ec3", "sha256: zz"), "ferry.lock"));
        String t2 = lockText();
        int hashLine = 1 + (int) t2.substring(0, t2.indexOf("sha256: 32a32ec3")).chars().filter(c -> c == '\n').count();
        assertTrue(hash.getMessage().startsWith("ferry.lock:" + hashLine + " "), hash.getMessage() + " (expected line " + hashLine + ")");
    }

    /** A canonical text form of a node tree: kinds, values and lines. */
    private static String dump(YamlNode n) {
        StringBuilder sb = new StringBuilder();
        dump(n, sb);
        return sb.toString();
    }

    private static void dump(YamlNode n, StringBuilder sb) {
        if (n.isMap()) {
            sb.append("{@").append(n.line());
            for (var e : n.map("m").entrySet()) {
                sb.append(' ').append(e.getKey()).append('=');
                dump(e.getValue(), sb);
            }
            sb.append('}');
        } else if (n.isList()) {
            sb.append("[@").append(n.line());
            for (YamlNode i : n.list("l")) {
                sb.append(' ');
                dump(i, sb);
            }
            sb.append(']');
        } else {
            sb.append(n.isNull() ? "~" : Json.quote(n.string("s"))).append('@').append(n.line());
        }
    }
}
