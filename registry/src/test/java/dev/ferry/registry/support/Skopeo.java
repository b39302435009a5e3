package dev.ferry.registry.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.registry.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** skopeo, the independent oracle: loads test images into a registry and reads digests back. */
public final class Skopeo {
    public static final Path BINARY = Path.of("/usr/bin/skopeo");

    private Skopeo() {}

    public static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BINARY), "skopeo is not installed (apt-get install -y skopeo): test skipped");
    }

    /** {@code skopeo copy --all --preserve-digests SRC DST} over plain HTTP; fails the test when skopeo does. */
    public static void copy(String from, String to) throws IOException, InterruptedException {
        run(List.of("copy", "--all", "--preserve-digests", "--quiet", "--src-tls-verify=false", "--dest-tls-verify=false", from, to));
    }

    /** The exact manifest bytes {@code skopeo inspect --raw} prints for {@code ref} ({@code docker://…}, {@code oci:…}). */
    public static byte[] raw(String ref) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("inspect", "--raw"));
        if (ref.startsWith("docker://")) {
            args.add("--tls-verify=false");
        }
        args.add(ref);
        return run(args);
    }

    public static Digest digest(String ref) throws IOException, InterruptedException {
        return Digest.sha256(raw(ref));
    }

    /** Whether skopeo can read {@code ref} at all. */
    public static boolean exists(String ref) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(BINARY.toString(), "inspect", "--raw", "--tls-verify=false", ref).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }

    static byte[] run(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(BINARY.toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).start();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread drain = new Thread(() -> {
            try (InputStream e = p.getErrorStream()) {
                e.transferTo(err);
            } catch (IOException ignored) {
                // the process is gone
            }
        });
        drain.start();
        byte[] out = p.getInputStream().readAllBytes();
        int code = p.waitFor();
        drain.join();
        if (code != 0) {
            throw new AssertionError("skopeo " + String.join(" ", args) + " failed (" + code + "): " + err.toString(StandardCharsets.UTF_8));
        }
        return out;
    }
}
