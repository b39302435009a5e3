package dev.ferry.image.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import dev.ferry.image.ssh.BouncyCastleEd25519;
import dev.ferry.image.ssh.KeyFiles;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.List;
import java.util.function.Function;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.signature.BuiltinSignatures;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.forward.AcceptAllForwardingFilter;

/**
 * A real SSH server standing in for the builder (or a bastion): public-key auth against the keys the test allows
 * (for the builder: the key pairs imported into the fake EC2), and every exec request runs through
 * {@code /bin/sh -c} in a temp folder, its output streamed back.
 */
public final class FakeBuilder implements AutoCloseable {
    static {
        BouncyCastleEd25519.install(); // sshd's providers as Ferry sets them up, before this server touches sshd
    }

    private final SshServer server;
    private final KeyPair hostKey;
    public final java.util.concurrent.atomic.AtomicInteger sessions = new java.util.concurrent.atomic.AtomicInteger();
    /** Shells still running, so close() leaves no stray process behind (a killed build's "sleep 60"). */
    private final java.util.Set<Process> running = java.util.concurrent.ConcurrentHashMap.newKeySet();
    public final java.util.List<String> commandLog = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    /**
     * @param authorized decides whether an OpenSSH public key line may log in
     * @param forwarding allow TCP forwarding (a bastion)
     */
    public FakeBuilder(Path workDir, Function<String, Boolean> authorized, boolean forwarding) throws Exception {
        this(workDir, authorized, forwarding, KeyPairProvider.ECDSA_SHA2_NISTP256);
    }

    /**
     * @param hostKeyType the builder's only host key: {@code ssh-ed25519} (a hardened image), {@code ecdsa-sha2-nistp256},
     *     or {@code ssh-dss} (an sshd Ferry shares no host key algorithm with)
     */
    public FakeBuilder(Path workDir, Function<String, Boolean> authorized, boolean forwarding, String hostKeyType) throws Exception {
        hostKey = hostKeyType.equals(KeyPairProvider.SSH_ED25519) ? KeyFiles.generate()
                : KeyUtils.generateKeyPair(hostKeyType, hostKeyType.equals(KeyPairProvider.SSH_DSS) ? 1024 : 256);
        server = SshServer.setUpDefaultServer();
        server.setHost("127.0.0.1");
        server.setPort(0);
        server.setKeyPairProvider(KeyPairProvider.wrap(hostKey));
        if (hostKeyType.equals(KeyPairProvider.SSH_DSS)) {
            server.setSignatureFactories(List.of(BuiltinSignatures.dsa));
        }
        server.setPublickeyAuthenticator((user, key, session) -> authorized.apply(line(key)));
        if (forwarding) {
            server.setForwardingFilter(AcceptAllForwardingFilter.INSTANCE);
        }
        server.addSessionListener(new org.apache.sshd.common.session.SessionListener() {
            @Override
            public void sessionCreated(org.apache.sshd.common.session.Session session) {
                sessions.incrementAndGet();
            }
        });
        server.setCommandFactory((channel, command) -> {
            commandLog.add(command);
            return new ShellCommand(command, workDir, running);
        });
        server.start();
    }

    public int port() {
        return server.getPort();
    }

    /** The host key's fingerprint as cloud-init prints it ({@code SHA256:...}). */
    public String fingerprint() {
        return KeyUtils.getFingerPrint(BuiltinDigests.sha256, hostKey.getPublic());
    }

    private static String line(PublicKey key) {
        String s = PublicKeyEntry.toString(key);
        String[] parts = s.split(" ");
        return parts[0] + " " + parts[1];
    }

    /** Whether {@code material} (an OpenSSH line, maybe with a comment) is the same key as {@code candidate}. */
    public static boolean sameKey(String material, String candidate) {
        String[] a = material.trim().split("\\s+");
        String[] b = candidate.trim().split("\\s+");
        return a.length >= 2 && b.length >= 2 && a[0].equals(b[0]) && a[1].equals(b[1]);
    }

    @Override
    public void close() throws IOException {
        server.stop(true);
        for (Process p : running) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    /** Runs one exec request with a real shell. */
    private static final class ShellCommand implements Command {
        private final String command;
        private final Path dir;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;
        private final java.util.Set<Process> running;
        private Process process;

        ShellCommand(String command, Path dir, java.util.Set<Process> running) {
            this.command = command;
            this.dir = dir;
            this.running = running;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback callback) {
            this.exit = callback;
        }

        @Override
        public void start(ChannelSession channel, Environment env) throws IOException {
            process = new ProcessBuilder("/bin/sh", "-c", command).directory(dir.toFile()).start();
            running.add(process);
            Thread stdin = new Thread(() -> {
                try (OutputStream p = process.getOutputStream()) {
                    in.transferTo(p);
                } catch (IOException ignored) {
                    // the process does not read stdin
                }
            });
            stdin.setDaemon(true);
            stdin.start();
            Thread o = pump(process.getInputStream(), out);
            Thread e = pump(process.getErrorStream(), err);
            Thread waiter = new Thread(() -> {
                try {
                    int code = process.waitFor();
                    running.remove(process);
                    o.join();
                    e.join();
                    exit.onExit(code);
                } catch (InterruptedException ie) {
                    exit.onExit(255);
                }
            });
            waiter.setDaemon(true);
            waiter.start();
        }

        private static Thread pump(InputStream from, OutputStream to) {
            Thread t = new Thread(() -> {
                byte[] buf = new byte[8192];
                try {
                    int n;
                    while ((n = from.read(buf)) > 0) {
                        to.write(buf, 0, n);
                        to.flush();
                    }
                } catch (IOException ignored) {
                    // channel closed
                }
            });
            t.setDaemon(true);
            t.start();
            return t;
        }

        @Override
        public void destroy(ChannelSession channel) {
            if (process != null) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        }
    }
}
