package dev.ferry.mirror.signature;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GnuPG (Debian's {@code gnupg}) in a home directory of its own: an independent OpenPGP signer and checker for
 * the tests. Keys have no passphrase; {@link #close} stops the agent gpg started.
 */
final class Gpg implements AutoCloseable {
    /** What a run printed and how it ended. */
    record Result(int exitCode, String output) {}

    private final Path home;

    Gpg(Path home) throws IOException {
        this.home = Files.createDirectories(home);
        Files.setPosixFilePermissions(home, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    static boolean installed() {
        try {
            return new ProcessBuilder("gpg", "--version").redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Runs gpg with these arguments; fails the test on a non-zero exit. */
    String run(String... args) throws IOException, InterruptedException {
        Result r = tryRun(args);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("gpg " + String.join(" ", args) + " exited " + r.exitCode() + ":\n" + r.output());
        }
        return r.output();
    }

    Result tryRun(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", home.toString(), "--batch", "--no-tty",
                "--pinentry-mode", "loopback", "--passphrase", ""));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException("gpg " + String.join(" ", args) + " did not finish in 60 s");
        }
        return new Result(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    /** The fingerprint of the only key with this user ID. */
    String fingerprint(String userId) throws IOException, InterruptedException {
        for (String line : run("--with-colons", "--list-keys", userId).split("\n")) {
            if (line.startsWith("fpr:")) {
                return line.split(":")[9];
            }
        }
        throw new IllegalStateException("no key for " + userId);
    }

    Path home() {
        return home;
    }

    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder("gpgconf", "--homedir", home.toString(), "--kill", "gpg-agent").redirectErrorStream(true).start().waitFor(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
