package dev.ferry.e2e.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.cli.Ferry;
import dev.ferry.e2e.support.Cli;
import dev.ferry.mirror.store.FolderStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A folder mirror served by {@code ferry mirror serve}, checked by {@code ferry mirror verify --public-url}: both through the CLI. */
class VerifyServedMirrorTest {
    @TempDir
    Path tmp;

    TestMirror mirror;
    Path dir;
    Thread serving;
    final StringWriter serveOut = new StringWriter();
    final StringWriter serveLog = new StringWriter();
    String url;

    @BeforeEach
    void serve() throws Exception {
        mirror = new TestMirror(tmp.resolve("work"), 200 * 1024);
        dir = tmp.resolve("mirror");
        try (FolderStore store = new FolderStore(dir)) {
            mirror.publish(store);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        url = "http://127.0.0.1:" + port;
        int p = port;
        serving = new Thread(() -> Ferry.run(new String[] {"mirror", "serve", "--dir", dir.toString(), "--port", Integer.toString(p)},
                new PrintWriter(serveOut, true), new PrintWriter(serveLog, true)), "ferry-serve-under-test");
        serving.start();
        long deadline = System.currentTimeMillis() + 10_000;
        while (!serveOut.toString().contains("Serving")) {
            assertTrue(System.currentTimeMillis() < deadline && serving.isAlive(), "serve did not start: " + serveOut + serveLog);
            Thread.sleep(20);
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        serving.interrupt();
        serving.join(5_000);
    }

    Cli.Result verify(String publicUrl) {
        return Cli.run(List.of("mirror", "verify", "--to", "file:" + dir, "--lock", mirror.lockFile.toString(), "--deep",
                "--public-url", publicUrl));
    }

    @Test
    void cleanServedMirrorPassesEndToEnd() {
        Cli.Result r = verify(url);
        assertEquals(0, r.exit(), r + "\n--- serve log\n" + serveLog);
        assertTrue(r.out().contains("No problems: the 5 objects are ready for kOps."), r.toString());
        assertTrue(r.out().contains("bytes re-hashed, anonymous reads at " + url), r.toString());
        // verify really went through serve: one sidecar GET and one ranged first-byte GET per object
        for (String key : mirror.keys()) {
            assertTrue(serveLog.toString().contains("GET /" + key + ".sha256 200 64 bytes"), serveLog.toString());
            assertTrue(serveLog.toString().contains("GET /" + key + " 206 1 bytes"), serveLog.toString());
        }
    }

    @Test
    void anObjectSymlinkedOutOfTheFolderIsNotServedAndVerifySaysSo() throws IOException {
        String key = mirror.keys().get(2);
        Path outside = Files.write(tmp.resolve("nodeup-outside"), mirror.bytes.get(key));
        Files.delete(dir.resolve(key));
        Files.createSymbolicLink(dir.resolve(key), outside);
        Cli.Result r = verify(url);
        System.out.println(r);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().matches("(?s).*not-at-public-url +" + key + " +the object is in the store but " + url + "/" + key
                + " answers 404.*"), r.toString());
        assertTrue(serveLog.toString().contains("GET /" + key + " 404 refused: symlink leads outside the served folder"), serveLog.toString());
    }

    @Test
    void aPublicUrlWithTheWrongPrefixIsCaught() {
        Cli.Result r = verify(url + "/kops");
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("10 problems on 5 of 5 objects"), r.toString());
        assertTrue(r.out().contains("--public-url must point at the same bucket and prefix as the store"), r.toString());
    }

    @Test
    void aServerThatIsNotThereIsUnreachable() throws IOException {
        int closed;
        try (ServerSocket free = new ServerSocket(0)) {
            closed = free.getLocalPort();
        }
        Cli.Result r = verify("http://127.0.0.1:" + closed);
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.out().contains("public-url-unreachable"), r.toString());
    }

    @Test
    void verifyingAnEmptyFolderIsAnError() {
        Cli.Result r = Cli.run(List.of("mirror", "verify", "--to", "file:" + tmp.resolve("empty")));
        assertEquals(1, r.exit(), r.toString());
        assertTrue(r.err().contains("found no object with a sidecar in file:"), r.toString());
    }

    @Test
    void serveRefusesAFolderThatIsNotThere() {
        Cli.Result r = Cli.run(List.of("mirror", "serve", "--dir", tmp.resolve("nope").toString(), "--port", "0"));
        assertEquals(2, r.exit(), r.toString());
        assertTrue(r.err().contains("is not a folder"), r.toString());
    }
}
