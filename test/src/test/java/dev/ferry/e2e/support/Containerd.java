package dev.ferry.e2e.support;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A containerd daemon of the test's own (its root, state and socket in a temporary folder, no CRI), and its
 * client {@code ctr}: the puller a node runs, as an independent judge of what a Ferry server answers.
 */
public record Containerd(Process daemon, Path socket, Path dir) implements AutoCloseable {
    private static final Path DAEMON = Path.of("/usr/bin/containerd");
    private static final Path CTR = Path.of("/usr/bin/ctr");

    /** Starts one in {@code dir}; the test is skipped, saying why, without containerd or when it cannot start here. */
    public static Containerd start(Path dir) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(DAEMON) && Files.isExecutable(CTR),
                "containerd is not installed (apt-get install -y containerd): the ctr pull is skipped");
        Files.createDirectories(dir);
        Path socket = dir.resolve("containerd.sock");
        Files.writeString(dir.resolve("config.toml"), "version = 2\nroot = \"" + dir.resolve("root") + "\"\nstate = \""
                + dir.resolve("state") + "\"\ndisabled_plugins = [\"io.containerd.grpc.v1.cri\"]\n[grpc]\n  address = \"" + socket + "\"\n");
        Process p = new ProcessBuilder(DAEMON.toString(), "--config", dir.resolve("config.toml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("containerd.log").toFile()).start();
        for (int i = 0; i < 100 && p.isAlive() && !Files.exists(socket); i++) {
            Thread.sleep(50);
        }
        if (!p.isAlive() || !Files.exists(socket)) {
            p.destroy();
            assumeTrue(false, "containerd did not start here (not root?): the ctr pull is skipped. "
                    + Files.readString(dir.resolve("containerd.log")));
        }
        return new Containerd(p, socket, dir);
    }

    /** {@code ctr images pull --all-platforms ARGS… REF}; fails the test when ctr does. */
    public void pull(List<String> args, String ref) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("images", "pull", "--all-platforms"));
        cmd.addAll(args);
        cmd.add(ref);
        ctr(cmd);
    }

    /** The digest containerd recorded for {@code ref}, from {@code ctr images ls}. */
    public String digest(String ref) throws IOException, InterruptedException {
        for (String line : ctr(List.of("images", "ls")).split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length > 2 && cols[0].equals(ref)) {
                return cols[2];
            }
        }
        throw new AssertionError("containerd has no image " + ref);
    }

    private String ctr(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CTR.toString(), "--address", socket.toString()));
        cmd.addAll(args);
        Path out = Files.createTempFile(dir, "ctr", ".out");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", cmd) + " failed: " + Files.readString(out, StandardCharsets.UTF_8));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws InterruptedException {
        daemon.destroy();
        if (!daemon.waitFor(10, TimeUnit.SECONDS)) {
            daemon.destroyForcibly();
        }
    }
}
