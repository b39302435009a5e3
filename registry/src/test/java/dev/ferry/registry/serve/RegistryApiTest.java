package dev.ferry.registry.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.ferry.format.Yaml;
import dev.ferry.format.YamlNode;
import dev.ferry.registry.layout.OciLayout;
import dev.ferry.registry.oci.Descriptor;
import dev.ferry.registry.oci.Digest;
import dev.ferry.registry.oci.MediaTypes;
import dev.ferry.registry.support.NamedLayout;
import dev.ferry.registry.support.TestImages;
import dev.ferry.registry.support.TestImages.TestImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry API over a layout as a sync writes it, on a real HTTP server: every image is pulled by tag and by
 * digest under each name a client may use; the answers, errors and refusals are the distribution spec's. skopeo's
 * pulls go through {@code ferry mirror serve} itself (test module, {@code ServeImagesTest}).
 */
class RegistryApiTest {
    static final String PAUSE = "registry.k8s.io/pause:3.10.1";
    static final String CONTROLLER = "registry.k8s.io/kops/kops-controller:1.34.0";
    static final String CALICO = "docker.io/calico/node:v3.31.6";
    static final String QUAY_CALICO = "quay.io/calico/node:v3.31.6";
    static final String DEBIAN = "debian:12";

    @TempDir
    static Path tmp;
    static TestImage pause;
    static TestImage calico;
    static TestImage quay;
    static HttpServer server;
    static String host;
    static final List<String> log = new CopyOnWriteArrayList<>();
    static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void serve() throws IOException {
        pause = TestImages.generate(tmp.resolve("src/pause"), false, 11, new int[] {120_000, 3_000}, new int[] {90_000});
        calico = TestImages.generate(tmp.resolve("src/calico"), true, 12, new int[] {60_000}, new int[] {50_000});
        quay = TestImages.generate(tmp.resolve("src/quay"), false, 13, new int[] {40_000}, new int[] {30_000});
        Map<String, TestImage> images = new LinkedHashMap<>();
        images.put(PAUSE, pause);
        images.put(CONTROLLER, pause);
        images.put(CALICO, calico);
        images.put(QUAY_CALICO, quay);
        images.put(DEBIAN, calico);
        NamedLayout.write(OciLayout.create(tmp.resolve("mirror/images")), images);
        server = start(tmp.resolve("mirror"));
        host = "127.0.0.1:" + server.getAddress().getPort();
    }

    static HttpServer start(Path dir) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true"); // as MirrorServer does: no 40 ms delayed ACK per answer
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        s.createContext(RegistryApi.CONTEXT, RegistryApi.over(dir, log::add));
        s.setExecutor(Executors.newFixedThreadPool(4));
        s.start();
        return s;
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    @Test
    void everyImageIsPulledByTagAndByDigestUnderEachNameAClientMayUse() throws Exception {
        Map<String, TestImage> byName = new LinkedHashMap<>();
        byName.put("pause:3.10.1", pause); // kOps containerProxy, and a containerd mirror of registry.k8s.io
        byName.put("registry.k8s.io/pause:3.10.1", pause); // the full name
        byName.put("kops-kops-controller:1.34.0", pause); // kOps containerRegistry
        byName.put("kops/kops-controller:1.34.0", pause);
        byName.put("registry.k8s.io/kops/kops-controller:1.34.0", pause);
        byName.put("docker.io/calico/node:v3.31.6", calico);
        byName.put("docker.io-calico-node:v3.31.6", calico); // containerRegistry keeps the registry in the name
        byName.put("quay.io/calico/node:v3.31.6", quay);
        byName.put("debian:12", calico); // containerProxy keeps a Docker Hub short name
        byName.put("library/debian:12", calico); // what containerd asks a Docker Hub mirror for
        byName.put("docker.io/library/debian:12", calico);
        for (Map.Entry<String, TestImage> e : byName.entrySet()) {
            String name = e.getKey().substring(0, e.getKey().lastIndexOf(':'));
            String tag = e.getKey().substring(e.getKey().lastIndexOf(':') + 1);
            TestImage image = e.getValue();
            assertEquals(image.digest(), pulled("/v2/" + name + "/manifests/" + tag), e.getKey());
            assertEquals(image.digest(), pulled("/v2/" + name + "/manifests/" + image.digest()), e.getKey());
            for (Digest child : image.children()) {
                assertEquals(child, pulled("/v2/" + name + "/manifests/" + child), "each platform of " + name);
            }
            for (Descriptor blob : image.blobs()) {
                assertEquals(blob.digest(), pulled("/v2/" + name + "/blobs/" + blob.digest()), "every blob of " + name);
            }
        }
    }

    /** The digest of what a GET answers, checked against the digest the server says it sent. */
    static Digest pulled(String path) throws IOException, InterruptedException {
        HttpResponse<byte[]> r = get(path, Map.of());
        assertEquals(200, r.statusCode(), path + ": " + body(r));
        Digest d = Digest.sha256(r.body());
        assertEquals(d.toString(), r.headers().firstValue("Docker-Content-Digest").orElseThrow(), path);
        return d;
    }

    @Test
    void containerdsNamespaceTellsImagesOfOneNameApart() throws Exception {
        HttpResponse<byte[]> ambiguous = get("/v2/calico/node/manifests/v3.31.6", Map.of());
        assertError(ambiguous, 404, "MANIFEST_UNKNOWN");
        assertTrue(body(ambiguous).contains("ambiguous") && body(ambiguous).contains("docker.io/calico/node:v3.31.6"), body(ambiguous));

        assertEquals(calico.digest().toString(), get("/v2/calico/node/manifests/v3.31.6?ns=docker.io", Map.of()).headers()
                .firstValue("Docker-Content-Digest").orElseThrow());
        assertEquals(quay.digest().toString(), get("/v2/calico/node/manifests/v3.31.6?ns=quay.io", Map.of()).headers()
                .firstValue("Docker-Content-Digest").orElseThrow());
        assertEquals(200, get("/v2/pause/manifests/3.10.1?ns=registry.k8s.io", Map.of()).statusCode());
        assertError(get("/v2/pause/manifests/3.10.1?ns=docker.io", Map.of()), 404, "NAME_UNKNOWN");
        Descriptor layer = calico.blobs().get(0);
        assertError(get("/v2/calico/node/blobs/" + layer.digest() + "?ns=registry.k8s.io", Map.of()), 404, "NAME_UNKNOWN");
        assertEquals(200, get("/v2/calico/node/blobs/" + layer.digest() + "?ns=docker.io", Map.of()).statusCode());
    }

    @Test
    void manifestsBlobsAndTagsAnswerAsTheSpecSays() throws Exception {
        HttpResponse<byte[]> base = get("/v2/", Map.of());
        assertEquals(200, base.statusCode());
        assertEquals("registry/2.0", base.headers().firstValue("Docker-Distribution-API-Version").orElseThrow());

        byte[] index = Files.readAllBytes(OciLayout.open(tmp.resolve("mirror/images")).blobPath(pause.digest()));
        HttpResponse<byte[]> got = get("/v2/pause/manifests/3.10.1", Map.of());
        assertArrayEquals(index, got.body(), "the exact bytes");
        assertEquals(MediaTypes.OCI_INDEX, got.headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<byte[]> head = send("HEAD", "/v2/pause/manifests/" + pause.digest(), Map.of());
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        assertEquals(String.valueOf(index.length), head.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(pause.digest().toString(), head.headers().firstValue("Docker-Content-Digest").orElseThrow());
        assertEquals(MediaTypes.DOCKER_LIST, get("/v2/debian/manifests/12", Map.of()).headers().firstValue("Content-Type").orElseThrow());
        HttpResponse<byte[]> child = get("/v2/pause/manifests/" + pause.children().get(1), Map.of());
        assertEquals(MediaTypes.OCI_MANIFEST, child.headers().firstValue("Content-Type").orElseThrow(), "a platform's own type");

        Descriptor layer = pause.largest();
        byte[] whole = Files.readAllBytes(OciLayout.open(tmp.resolve("mirror/images")).blobPath(layer.digest()));
        String blob = "/v2/registry.k8s.io/pause/blobs/" + layer.digest();
        assertArrayEquals(whole, get(blob, Map.of()).body());
        HttpResponse<byte[]> part = get(blob, Map.of("Range", "bytes=1000-1999"));
        assertEquals(206, part.statusCode());
        assertEquals("bytes 1000-1999/" + whole.length, part.headers().firstValue("Content-Range").orElseThrow());
        assertArrayEquals(Arrays.copyOfRange(whole, 1000, 2000), part.body());
        HttpResponse<byte[]> past = get(blob, Map.of("Range", "bytes=" + whole.length + "-"));
        assertEquals(416, past.statusCode());
        assertEquals("bytes */" + whole.length, past.headers().firstValue("Content-Range").orElseThrow());
        HttpResponse<byte[]> headBlob = send("HEAD", blob, Map.of());
        assertEquals(String.valueOf(whole.length), headBlob.headers().firstValue("Content-Length").orElseThrow());
        assertEquals(layer.digest().toString(), headBlob.headers().firstValue("Docker-Content-Digest").orElseThrow());

        assertEquals(List.of("3.10.1"), Yaml.parseJson(body(get("/v2/pause/tags/list", Map.of())), "tags").map("tags").get("tags").strings("tags"));
        HttpResponse<byte[]> page = get("/v2/calico/node/tags/list?n=1", Map.of());
        assertEquals(List.of("v3.31.6"), Yaml.parseJson(body(page), "tags").map("tags").get("tags").strings("tags"));
    }

    @Test
    void unknownNamesTagsAndBlobsGetTheSpecsErrorsAndWritesAreRefused() throws Exception {
        assertError(get("/v2/nothing/manifests/1.0", Map.of()), 404, "NAME_UNKNOWN");
        assertError(get("/v2/pause/manifests/9.9", Map.of()), 404, "MANIFEST_UNKNOWN");
        assertError(get("/v2/pause/blobs/sha256:" + "0".repeat(64), Map.of()), 404, "BLOB_UNKNOWN");
        assertError(get("/v2/nothing/tags/list", Map.of()), 404, "NAME_UNKNOWN");
        // a manifest of another image is not this image's, whatever the digest
        assertError(get("/v2/pause/manifests/" + calico.children().get(0), Map.of()), 404, "MANIFEST_UNKNOWN");
        assertError(get("/v2/pause/blobs/sha256:abc", Map.of()), 400, "DIGEST_INVALID");
        for (String method : List.of("PUT", "POST", "DELETE", "PATCH")) {
            HttpResponse<byte[]> w = send(method, "/v2/pause/manifests/3.10.1", Map.of());
            assertError(w, 405, "UNSUPPORTED");
            assertEquals("GET, HEAD", w.headers().firstValue("Allow").orElseThrow());
        }
        assertError(send("POST", "/v2/pause/blobs/uploads/", Map.of()), 405, "UNSUPPORTED");
    }

    @Test
    void traversalInNamesAndDigestsIsRefusedAndEveryRequestIsLogged() throws Exception {
        get("/v2/", Map.of());
        for (int i = 0; i < 100 && !log.get(log.size() - 1).endsWith("GET /v2/ 200"); i++) {
            Thread.sleep(20); // the server logs once the answer is sent, so the client may see it first
        }
        int before = log.size();
        List<String> hostile = List.of("/v2/../../../etc/passwd/manifests/latest", "/v2/%2e%2e/%2e%2e/manifests/latest",
                "/v2/pause/blobs/sha256:..%2f..%2f..%2fetc%2fpasswd", "/v2/pause/blobs/..", "/v2/pause/manifests/..",
                "/v2/pause/../pause/manifests/3.10.1", "/v2/pause//manifests/3.10.1", "/v2/Pause/manifests/3.10.1");
        for (String path : hostile) {
            String answer = raw("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 400") || answer.startsWith("HTTP/1.1 404"), path + ": " + answer);
            assertFalse(answer.contains("root:"), path);
        }
        List<String> lines = log.subList(before, log.size());
        assertEquals(hostile.size(), lines.size(), "one line per request: " + lines);
        assertTrue(lines.get(0).endsWith("GET /v2/../../../etc/passwd/manifests/latest 400 NAME_INVALID refused: traversal attempt ('..' segment)"),
                lines.get(0));
        assertTrue(lines.get(1).contains("refused: percent-encoding"), lines.get(1));
    }

    @Test
    void aSymlinkOutOfTheFolderADamagedManifestAndAnImageAddedWhileServing() throws Exception {
        Path root = tmp.resolve("other");
        OciLayout layout = OciLayout.create(root.resolve("images"));
        NamedLayout.write(layout, Map.of(PAUSE, pause));
        HttpServer other = start(root);
        try {
            String at = "http://127.0.0.1:" + other.getAddress().getPort();
            Descriptor layer = pause.blobs().get(0);
            Path outside = Files.copy(layout.blobPath(layer.digest()), tmp.resolve("outside-blob"));
            Files.delete(layout.blobPath(layer.digest()));
            Files.createSymbolicLink(layout.blobPath(layer.digest()), outside);
            assertError(send(at, "GET", "/v2/pause/blobs/" + layer.digest(), Map.of()), 404, "BLOB_UNKNOWN");

            Files.writeString(layout.blobPath(pause.children().get(0)), "{\"schemaVersion\": 2}");
            assertError(send(at, "GET", "/v2/pause/manifests/" + pause.children().get(0), Map.of()), 500, "UNKNOWN");

            NamedLayout.write(layout, Map.of(CALICO, calico)); // as a sync still running would
            assertEquals(200, send(at, "GET", "/v2/calico/node/manifests/v3.31.6", Map.of()).statusCode());
        } finally {
            other.stop(0);
        }
    }

    static void assertError(HttpResponse<byte[]> r, int status, String code) {
        assertEquals(status, r.statusCode(), body(r));
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        YamlNode error = Yaml.parseJson(body(r), "error").map("error").get("errors").list("errors").get(0);
        assertEquals(code, error.map("error").get("code").string("code"), body(r));
        assertTrue(!error.map("error").get("message").string("message").isBlank());
    }

    static String body(HttpResponse<byte[]> r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    static HttpResponse<byte[]> get(String path, Map<String, String> headers) throws IOException, InterruptedException {
        return send("GET", path, headers);
    }

    static HttpResponse<byte[]> send(String method, String path, Map<String, String> headers) throws IOException, InterruptedException {
        return send("http://" + host, method, path, headers);
    }

    static HttpResponse<byte[]> send(String base, String method, String path, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    /** A request sent byte for byte, so no client library tidies the path first. */
    static String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", server.getAddress().getPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try (InputStream in = s.getInputStream()) {
                in.transferTo(answer);
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }
}
