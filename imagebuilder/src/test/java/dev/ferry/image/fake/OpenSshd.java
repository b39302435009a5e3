package dev.ferry.image.fake;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * A real OpenSSH {@code sshd} standing in for a hardened builder: its only host key is Ed25519, it listens on a random
 * 127.0.0.1 port with its own config and host key in a temp folder, and runs in the foreground as a child of the test
 * JVM (never the machine's ssh service). Logins are public-key only, as the user running the tests.
 */
public final class OpenSshd implements AutoCloseable {
    public static final Path SSHD = Path.of("/usr/sbin/sshd");
    private static final Path KEYGEN = Path.of("/usr/bin/ssh-keygen");
    /** Where Debian's sshd wants its privilege separation folder when it runs as root (the ssh service makes it). */
    private static final Path PRIVSEP = Path.of("/run/sshd");

    private final Process process;
    private final Path log;
    private final int port;
    private final String fingerprint;

    /** Why the OpenSSH tests cannot run here, if they cannot. */
    public static java.util.Optional<String> unavailable() {
        if (!Files.isExecutable(SSHD) || !Files.isExecutable(KEYGEN)) {
            return java.util.Optional.of(SSHD + " or " + KEYGEN + " is missing (apt-get install openssh-server)");
        }
        return java.util.Optional.empty();
    }

    /**
     * @param authorizedKey the OpenSSH public key line that may log in
     * @param extraConfig more sshd_config lines (e.g. a KexAlgorithms list)
     */
    public OpenSshd(Path dir, String authorizedKey, List<String> extraConfig) throws IOException, InterruptedException,
            java.security.GeneralSecurityException {
        Files.createDirectories(dir);
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        run(KEYGEN.toString(), "-q", "-t", "ed25519", "-N", "", "-C", "ferry-test-builder", "-f", hostKey.toString());
        Path authorized = Files.writeString(dir.resolve("authorized_keys"), authorizedKey.trim() + "\n");
        if ("root".equals(System.getProperty("user.name")) && !Files.isDirectory(PRIVSEP)) {
            Files.createDirectories(PRIVSEP);
        }
        port = freePort();
        StringBuilder config = new StringBuilder();
        for (String line : List.of("ListenAddress 127.0.0.1", "Port " + port, "HostKey " + hostKey, "HostKeyAlgorithms ssh-ed25519",
                "AuthorizedKeysFile " + authorized, "PubkeyAuthentication yes", "PasswordAuthentication no",
                "KbdInteractiveAuthentication no", "UsePAM no", "StrictModes no", "PermitRootLogin prohibit-password",
                "PidFile none", "LogLevel VERBOSE")) {
            config.append(line).append('\n');
        }
        extraConfig.forEach(line -> config.append(line).append('\n'));
        Path configFile = Files.writeString(dir.resolve("sshd_config"), config.toString());
        log = dir.resolve("sshd.log");
        fingerprint = KeyUtils.getFingerPrint(BuiltinDigests.sha256, PublicKeyEntry.parsePublicKeyEntry(
                Files.readString(dir.resolve("ssh_host_ed25519_key.pub")).trim()).resolvePublicKey(null, null, null));
        process = new ProcessBuilder(SSHD.toString(), "-D", "-e", "-f", configFile.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        awaitListening();
    }

    public int port() {
        return port;
    }

    /** The host key's SHA256 fingerprint, as cloud-init prints it on the console. */
    public String fingerprint() {
        return fingerprint;
    }

    /** The fingerprint as {@code ssh-keygen -l} reports it: an independent check of {@link #fingerprint()}. */
    public String keygenFingerprint(Path dir) throws IOException, InterruptedException {
        return run(KEYGEN.toString(), "-l", "-f", dir.resolve("ssh_host_ed25519_key.pub").toString()).split("\\s+")[1];
    }

    /** What sshd logged so far. */
    public String log() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /**
     * The log once it holds {@code what}: sshd writes a refused exchange's line after the client has already given
     * up, so a test that reads the log at once can miss it (up to 10 s, then the log as it is).
     */
    public String logOnceItHolds(String what) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!log().contains(what) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return log();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private void awaitListening() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!log().contains("Server listening on 127.0.0.1 port " + port)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                process.destroyForcibly();
                throw new IOException("sshd did not start on port " + port + ":\n" + log());
            }
            Thread.sleep(20);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
        return out;
    }
}
