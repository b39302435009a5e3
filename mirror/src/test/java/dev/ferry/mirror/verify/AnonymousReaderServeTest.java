package dev.ferry.mirror.verify;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferry.http.HttpClient;
import dev.ferry.mirror.serve.MirrorServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify --public-url's reads against {@code serve}, many times over one kept-alive connection pool: a connection the
 * server closed before answering is tried again (OkHttp for a pooled one, {@link AnonymousReader} once more besides),
 * so a healthy file is never reported unreachable.
 */
class AnonymousReaderServeTest {
    @TempDir
    Path tmp;

    @Test
    void twoHundredReadsInARowAllAnswer() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("mirror/binaries/kops/1.30.4/linux/amd64"));
        Files.write(dir.resolve("nodeup"), new byte[64 * 1024]);
        Files.writeString(dir.resolve("nodeup.sha256"), "ab".repeat(32));
        try (MirrorServer server = MirrorServer.start(new MirrorServer.Options(tmp.resolve("mirror"), "127.0.0.1", 0, false, 4), line -> { });
             HttpClient http = new HttpClient(HttpClient.Settings.fromEnvironment(Optional.empty(), Map.of()))) {
            AnonymousReader reader = new AnonymousReader(http);
            String base = server.url() + "/binaries/kops/1.30.4/linux/amd64/nodeup";
            for (int i = 0; i < 200; i++) {
                AnonymousReader.Answer sidecar = reader.text(base + ".sha256");
                assertEquals(200, sidecar.status(), "read " + i);
                assertEquals(Optional.of("ab".repeat(32)), sidecar.body(), "read " + i);
                assertEquals(206, reader.firstByte(base).status(), "read " + i);
            }
        }
    }
}
