package dev.ferry.registry.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A real registry for tests: Debian's {@code docker-registry} (Distribution 2.8) on a random 127.0.0.1 port,
 * plain HTTP, filesystem storage in a temporary folder, its log (with an access line per request) in a file.
 */
public record DockerRegistry(Process process, int port, Path dir) implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/bin/docker-registry");

    /** Skips the calling test, with a message in the report, when docker-registry is not installed. */
    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "docker-registry is not installed (apt-get install -y docker-registry): test skipped");
    }

    public static DockerRegistry start(Path dir) throws IOException, InterruptedException {
        assumeInstalled();
        IOException last = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            int port;
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
                port = s.getLocalPort();
            }
            Files.createDirectories(dir);
            Path cfg = dir.resolve("config.yml");
            Files.writeString(cfg, "version: 0.1\nlog:\n  level: info\n  accesslog:\n    disabled: false\nstorage:\n  filesystem:\n    rootdirectory: "
                    + dir.resolve("data") + "\n  delete:\n    enabled: true\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
            Process p = new ProcessBuilder(BINARY.toString(), "serve", cfg.toString()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("registry.log").toFile()).start();
            DockerRegistry r = new DockerRegistry(p, port, dir);
            if (r.awaitReady(Duration.ofSeconds(10))) {
                return r;
            }
            r.close();
            last = new IOException("docker-registry did not start on port " + port + ": " + Files.readString(dir.resolve("registry.log")));
        }
        throw last;
    }

    private boolean awaitReady(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end && process.isAlive()) {
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/v2/").toURL().openConnection();
                c.setConnectTimeout(500);
                if (c.getResponseCode() == 200) {
                    return true;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(50);
        }
        return false;
    }


    /** {@code 127.0.0.1:port}. */
    public String host() {
        return "127.0.0.1:" + port;
    }

    /** {@code http://127.0.0.1:port}. */
    public String url() {
        return "http://" + host();
    }

    /** Where the registry keeps blobs: {@code docker/registry/v2/blobs/sha256/<2>/<hex>/data}. */
    public Path blobFile(String hex) {
        return dir.resolve("data/docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    /** Flips one byte in the middle of a stored blob: same size, other bytes, as a damaged disk or a bad mirror serves it. */
    public void corrupt(dev.ferry.registry.oci.Descriptor blob) throws IOException {
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(blobFile(blob.digest().hex()).toFile(), "rw")) {
            f.seek(blob.size() / 2);
            int b = f.read();
            f.seek(blob.size() / 2);
            f.write(b ^ 0xff);
        }
    }

    /** Access-log lines so far that match {@code regex} (e.g. {@code "POST /v2/[^ ]+/blobs/uploads/}). */
    public long requests(String regex) throws IOException {
        Pattern p = Pattern.compile(regex);
        return Files.readAllLines(dir.resolve("registry.log"), StandardCharsets.UTF_8).stream()
                .filter(l -> l.startsWith("127.0.0.1 - - ")).filter(l -> p.matcher(l).find()).count();
    }

    /** Blob uploads started so far (each {@code POST …/blobs/uploads/} without a mount). */
    public long uploadsStarted() throws IOException {
        return requests("\"POST /v2/[^ ]+/blobs/uploads/ HTTP");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
