package dev.ferry.e2e.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.e2e.support.FerryProcess;
import dev.ferry.e2e.support.TestLock;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ferry mirror serve} (its own process: the JDK server's timeouts are per JVM) keeps serving
 * while more clients than it has threads send half a request line and wait.
 */
class ServeSlowClientsTest {
    static final int THREADS = 4;
    static final int HEADER_TIMEOUT = 2;

    @TempDir
    Path tmp;

    @Test
    void moreSlowClientsThanThreadsDoNotStopANormalDownload() throws Exception {
        Path mirror = Files.createDirectories(tmp.resolve("mirror/r"));
        byte[] bytes = TestLock.bytes(500_000, 41);
        Files.write(mirror.resolve("kubelet"), bytes);
        Path log = tmp.resolve("serve.log");
        Process serve = FerryProcess.start(List.of("mirror", "serve", "--dir", tmp.resolve("mirror").toString(), "--port", "0",
                "--threads", String.valueOf(THREADS), "--header-timeout", String.valueOf(HEADER_TIMEOUT)), log);
        List<Socket> slow = new ArrayList<>();
        try {
            int port = FerryProcess.port(serve, log);
            for (int i = 0; i < THREADS * 2; i++) {
                Socket s = new Socket("127.0.0.1", port);
                s.getOutputStream().write("GET /r/kubelet HT".getBytes(StandardCharsets.US_ASCII)); // and nothing more
                s.getOutputStream().flush();
                slow.add(s);
            }
            Thread.sleep(300); // every worker is now reading one of them

            HttpURLConnection c = (HttpURLConnection) URI.create("http://127.0.0.1:" + port + "/r/kubelet").toURL().openConnection();
            c.setConnectTimeout(5_000);
            c.setReadTimeout(20_000); // without the header timeout it waits here for ever: every worker is taken
            assertEquals(200, c.getResponseCode(), Files.readString(log));
            try (InputStream in = c.getInputStream()) {
                assertArrayEquals(bytes, in.readAllBytes());
            }

            for (Socket s : slow) {
                s.setSoTimeout(10_000);
                try {
                    assertEquals(-1, s.getInputStream().read(), "a stalled client is disconnected");
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("a stalled client was still connected after 10 s");
                } catch (java.io.IOException reset) {
                    // closed by the server: reset instead of FIN is fine too
                }
            }
        } finally {
            for (Socket s : slow) {
                s.close();
            }
            serve.destroy();
            serve.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
