package dev.ferry.mirror.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives {@link MirrorServer} with the JDK HttpClient and, for requests that client would tidy up, a raw socket. */
class MirrorServerTest {
    @TempDir
    static Path tmp;

    static Path mirror;
    static byte[] kubelet;
    static byte[] large;
    static MirrorServer server;
    static MirrorServer listing;
    static final ConcurrentLinkedQueue<String> LOG = new ConcurrentLinkedQueue<>();
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        mirror = Files.createDirectories(tmp.resolve("mirror"));
        Path bin = Files.createDirectories(mirror.resolve("release/v1.30.0/bin/linux/amd64"));
        kubelet = new byte[1000];
        new Random(1).nextBytes(kubelet);
        Files.write(bin.resolve("kubelet"), kubelet);
        Files.writeString(bin.resolve("kubelet.sha256"), "ab".repeat(32));
        Files.setLastModifiedTime(bin.resolve("kubelet"), FileTime.from(Instant.parse("2024-05-01T10:00:00Z")));
        Files.write(bin.resolve("empty"), new byte[0]);
        Files.writeString(bin.resolve(".kubectl.part"), "half-written");
        Files.writeString(tmp.resolve("secret"), "outside the mirror");
        Files.createSymbolicLink(mirror.resolve("escape"), tmp.resolve("secret"));
        Files.createSymbolicLink(mirror.resolve("escape-dir"), tmp);
        Files.createSymbolicLink(mirror.resolve("inside"), bin.resolve("kubelet"));
        new ProcessBuilder("mkfifo", mirror.resolve("fifo").toString()).start().waitFor();
        large = new byte[24 * 1024 * 1024];
        new Random(2).nextBytes(large);
        Files.write(mirror.resolve("large.bin"), large);
        server = MirrorServer.start(new MirrorServer.Options(mirror, "127.0.0.1", 0, false, 32), LOG::add);
        listing = MirrorServer.start(new MirrorServer.Options(mirror, "127.0.0.1", 0, true, 4), LOG::add);
    }

    @AfterAll
    static void stop() {
        server.close();
        listing.close();
    }

    static HttpResponse<byte[]> get(MirrorServer s, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(s.url() + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends the request line exactly as written (no client-side normalisation) and returns the status code. */
    static int rawStatus(String requestTarget) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            OutputStream out = s.getOutputStream();
            out.write(("GET " + requestTarget + " HTTP/1.1\r\nHost: mirror\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertFalse(response.contains("outside the mirror"), "leaked a file outside the mirror for " + requestTarget);
            return Integer.parseInt(response.substring(9, 12));
        }
    }

    @Test
    void getServesTheWholeFileWithLengthAndDate() throws Exception {
        HttpResponse<byte[]> r = get(server, "/release/v1.30.0/bin/linux/amd64/kubelet");
        assertEquals(200, r.statusCode());
        assertArrayEquals(kubelet, r.body());
        assertEquals("1000", r.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("Wed, 01 May 2024 10:00:00 GMT", r.headers().firstValue("Last-Modified").orElseThrow(), "an IMF-fixdate: two-digit day");
        assertEquals("bytes", r.headers().firstValue("Accept-Ranges").orElseThrow());
        HttpResponse<byte[]> sidecar = get(server, "/release/v1.30.0/bin/linux/amd64/kubelet.sha256");
        assertEquals("ab".repeat(32), new String(sidecar.body(), StandardCharsets.UTF_8));
        assertTrue(sidecar.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    }

    @Test
    void headGivesTheLengthWithoutTheBody() throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/release/v1.30.0/bin/linux/amd64/kubelet"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, r.statusCode());
        assertEquals("1000", r.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(0, r.body().length);
    }

    @Test
    void emptyFileHasLengthZero() throws Exception {
        HttpResponse<byte[]> r = get(server, "/release/v1.30.0/bin/linux/amd64/empty");
        assertEquals(200, r.statusCode());
        assertEquals("0", r.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(0, r.body().length);
    }

    @Test
    void rangesAreHonoured() throws Exception {
        String kubeletPath = "/release/v1.30.0/bin/linux/amd64/kubelet";
        HttpResponse<byte[]> r = get(server, kubeletPath, "Range", "bytes=10-19");
        assertEquals(206, r.statusCode());
        assertEquals("bytes 10-19/1000", r.headers().firstValue("Content-Range").orElseThrow());
        assertEquals("10", r.headers().firstValue("Content-Length").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(kubelet, 10, 20), r.body());

        HttpResponse<byte[]> firstByte = get(server, kubeletPath, "Range", "bytes=0-0");
        assertEquals(206, firstByte.statusCode());
        assertArrayEquals(new byte[] {kubelet[0]}, firstByte.body());

        HttpResponse<byte[]> tail = get(server, kubeletPath, "Range", "bytes=-5");
        assertEquals("bytes 995-999/1000", tail.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(java.util.Arrays.copyOfRange(kubelet, 995, 1000), tail.body());

        HttpResponse<byte[]> resume = get(server, kubeletPath, "Range", "bytes=990-");
        assertEquals("bytes 990-999/1000", resume.headers().firstValue("Content-Range").orElseThrow());

        HttpResponse<byte[]> past = get(server, kubeletPath, "Range", "bytes=1000-");
        assertEquals(416, past.statusCode());
        assertEquals("bytes */1000", past.headers().firstValue("Content-Range").orElseThrow());

        HttpResponse<byte[]> multi = get(server, kubeletPath, "Range", "bytes=0-1,5-6");
        assertEquals(200, multi.statusCode());
        assertArrayEquals(kubelet, multi.body());

        HttpResponse<byte[]> stale = get(server, kubeletPath, "Range", "bytes=0-9", "If-Range", "Mon, 1 Jan 2024 00:00:00 GMT");
        assertEquals(200, stale.statusCode(), "If-Range with an older date must give the whole new file");
        String lastModified = get(server, kubeletPath).headers().firstValue("Last-Modified").orElseThrow();
        HttpResponse<byte[]> fresh = get(server, kubeletPath, "Range", "bytes=0-9", "If-Range", lastModified);
        assertEquals(206, fresh.statusCode(), "If-Range with the Last-Modified the server sent resumes");
        assertEquals(206, get(server, kubeletPath, "Range", "bytes=0-9", "If-Range", "Wed, 1 May 2024 10:00:00 GMT").statusCode(),
                "the same date written with a one-digit day");
        assertEquals(200, get(server, kubeletPath, "Range", "bytes=0-9", "If-Range", "\"an-etag\"").statusCode(), "no ETags: the whole file");

        HttpResponse<byte[]> notModified = get(server, kubeletPath, "If-Modified-Since", "Wed, 1 May 2024 10:00:00 GMT");
        assertEquals(304, notModified.statusCode());
    }

    @Test
    void traversalIsRefusedAndLogged() throws Exception {
        assertEquals(200, rawStatus("/release/v1.30.0/bin/linux/amd64/kubelet"), "the raw client itself works");
        assertEquals(400, rawStatus("/../secret"));
        assertEquals(400, rawStatus("/release/../../secret"));
        assertEquals(400, rawStatus("/%2e%2e/secret"));
        assertEquals(400, rawStatus("/%2E%2E%2fsecret"));
        assertEquals(400, rawStatus("/release/%2e%2e%2f%2e%2e%2fsecret"));
        assertEquals(400, rawStatus("/.%2e/secret"));
        assertEquals(400, rawStatus("/%2e%2e%5csecret"));
        assertEquals(400, rawStatus("/%00secret"));
        assertEquals(400, rawStatus("/bad%zzescape"));
        assertEquals(404, rawStatus("/%252e%252e/secret"), "double encoding is a literal name, and there is none");
        assertEquals(404, rawStatus("/escape"), "a symlink out of the folder");
        assertEquals(404, rawStatus("/escape-dir/secret"), "a folder symlink out of the folder");
        assertEquals(404, rawStatus("/release/v1.30.0/bin/linux/amd64/.kubectl.part"), "hidden (temporary) files");
        assertEquals(404, rawStatus("/release/"), "no listing without --list");
        assertEquals(404, rawStatus("/no/such/file"));
        assertEquals(200, rawStatus("/inside"), "a symlink that stays inside is served");
        if (Files.exists(mirror.resolve("fifo"))) {
            assertEquals(404, rawStatus("/fifo"), "a FIFO would block a worker");
        }
        assertTrue(LOG.stream().anyMatch(l -> l.contains("/../secret 400 refused: traversal")), String.join("\n", LOG));
        assertTrue(LOG.stream().anyMatch(l -> l.contains("/escape 404 refused: symlink leads outside")), String.join("\n", LOG));
    }

    @Test
    void onlyGetAndHead() throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create(server.url() + "/large.bin"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(405, r.statusCode());
        assertEquals("GET, HEAD", r.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void listingOnlyWhenAskedAndWithoutEscapes() throws Exception {
        HttpResponse<byte[]> r = get(listing, "/");
        assertEquals(200, r.statusCode());
        String html = new String(r.body(), StandardCharsets.UTF_8);
        assertTrue(html.contains("href=\"/release/\""), html);
        assertTrue(html.contains("large.bin"), html);
        assertFalse(html.contains("escape"), "symlinks out of the folder are not listed: " + html);
        assertFalse(html.contains("fifo"), "only files and folders are listed: " + html);
        String deep = new String(get(listing, "/release/v1.30.0/bin/linux/amd64/").body(), StandardCharsets.UTF_8);
        assertTrue(deep.contains("kubelet.sha256"), deep);
        assertFalse(deep.contains("kubectl.part"), "hidden files are not listed: " + deep);
    }

    @Test
    void twentyParallelDownloadsOfALargeFile() throws Exception {
        String expected = sha256(large);
        List<CompletableFuture<HttpResponse<InputStream>>> downloads = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            downloads.add(CLIENT.sendAsync(HttpRequest.newBuilder(URI.create(server.url() + "/large.bin")).build(),
                    HttpResponse.BodyHandlers.ofInputStream()));
        }
        List<CompletableFuture<String>> hashes = new ArrayList<>();
        for (CompletableFuture<HttpResponse<InputStream>> d : downloads) {
            hashes.add(d.thenApplyAsync(r -> {
                assertEquals(200, r.statusCode());
                assertEquals(Long.toString(large.length), r.headers().firstValue("Content-Length").orElseThrow());
                try (InputStream in = r.body()) {
                    MessageDigest md = MessageDigest.getInstance("SHA-256");
                    byte[] buf = new byte[65536];
                    for (int n; (n = in.read(buf)) > 0; ) {
                        md.update(buf, 0, n);
                    }
                    return HexFormat.of().formatHex(md.digest());
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (CompletableFuture<String> h : hashes) {
            assertEquals(expected, h.get());
        }
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
