package dev.ferry.image.ssh;

import dev.ferry.error.FerryException;
import dev.ferry.image.config.Bastion;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.KeyPair;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.auth.pubkey.UserAuthPublicKeyFactory;
import org.apache.sshd.client.channel.ChannelExec;
import org.apache.sshd.client.channel.ClientChannelEvent;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.forward.ExplicitPortForwardingTracker;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;
import org.apache.sshd.common.util.net.SshdSocketAddress;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * An SSH connection to the builder's private IP, directly or through a bastion (ProxyJump done as a local
 * forward over the bastion session, so each hop has its own host key check). Public-key auth only; the user's
 * ~/.ssh/config and default keys are not consulted, so what runs is what image.yaml says.
 */
public final class BuilderSsh implements AutoCloseable {
    private final SshClient client;
    private final Optional<ClientSession> bastionSession;
    private final Optional<ExplicitPortForwardingTracker> tunnel;
    private final ClientSession session;

    static {
        BouncyCastleEd25519.install();
    }

    private BuilderSsh(SshClient client, Optional<ClientSession> bastionSession, Optional<ExplicitPortForwardingTracker> tunnel,
                       ClientSession session) {
        this.client = client;
        this.bastionSession = bastionSession;
        this.tunnel = tunnel;
        this.session = session;
    }

    /**
     * Connects and authenticates once; fails with a {@link Refused} when retrying cannot help (no common algorithm,
     * login or host key refused), otherwise with a {@link FerryException} (connection refused, timed out: still booting).
     *
     * @param keepAlive the longest time a command may run without output; the session stays up that long
     */
    public static BuilderSsh connect(String host, int port, String user, KeyPair key, HostKeyCheck builderCheck,
                                     Optional<Bastion> bastion, Optional<KeyPair> bastionKey, Optional<HostKeyCheck> bastionCheck,
                                     Duration connectTimeout, Duration keepAlive) {
        AtomicReference<ServerKeyVerifier> verifier = new AtomicReference<>();
        SshClient client = SshClient.setUpDefaultClient();
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(session -> List.of());
        client.setUserAuthFactories(List.of(UserAuthPublicKeyFactory.INSTANCE));
        client.setServerKeyVerifier((s, remote, k) -> verifier.get().verifyServerKey(s, remote, k));
        client.addSessionListener(new Negotiation());
        CoreModuleProperties.IDLE_TIMEOUT.set(client, keepAlive.plusMinutes(1));
        CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, Duration.ofSeconds(30));
        client.start();
        Optional<ClientSession> jump = Optional.empty();
        Optional<ExplicitPortForwardingTracker> tunnel = Optional.empty();
        ClientSession session = null;
        try {
            String targetHost = host;
            int targetPort = port;
            if (bastion.isPresent()) {
                Bastion b = bastion.get();
                verifier.set(bastionCheck.orElseThrow());
                ClientSession js = open(client, b.host(), b.port(), b.user(), bastionKey.orElse(key), connectTimeout,
                        bastionCheck.get(), "bastion " + b.host() + ":" + b.port());
                jump = Optional.of(js);
                ExplicitPortForwardingTracker t = js.createLocalPortForwardingTracker(
                        new SshdSocketAddress("127.0.0.1", 0), new SshdSocketAddress(host, port));
                tunnel = Optional.of(t);
                targetHost = "127.0.0.1";
                targetPort = t.getBoundAddress().getPort();
            }
            verifier.set(builderCheck);
            session = open(client, targetHost, targetPort, user, key, connectTimeout, builderCheck,
                    "builder " + host + ":" + port + (bastion.isPresent() ? " via bastion " + bastion.get().host() : ""));
            return new BuilderSsh(client, jump, tunnel, session);
        } catch (IOException | RuntimeException e) {
            closeQuietly(tunnel, jump, client);
            if (e instanceof FerryException fe) {
                throw fe;
            }
            throw new FerryException("cannot open the SSH tunnel through the bastion: " + e.getMessage(),
                    "the bastion must allow TCP forwarding (AllowTcpForwarding yes) to the builder's subnet");
        }
    }

    private static ClientSession open(SshClient client, String host, int port, String user, KeyPair key,
                                      Duration timeout, HostKeyCheck check, String what) {
        ClientSession s = null;
        try {
            s = client.connect(user, host, port).verify(timeout).getSession();
            s.addPublicKeyIdentity(key);
            s.auth().verify(timeout);
            return s;
        } catch (IOException | RuntimeException e) {
            Optional<String> kex = Negotiation.failure(s, e);
            closeQuietly(s);
            if (check.refusal().isPresent()) {
                throw new HostKeyRefused(check.refusal().get());
            }
            if (kex.isPresent()) {
                throw new Refused("the key exchange with " + what + " failed: " + kex.get(),
                        "the server's SSH daemon accepts none of the algorithms Ferry offers; use a source AMI (or a bastion) "
                                + "with a current OpenSSH, whose host keys and algorithms overlap Ferry's list");
            }
            if (e instanceof SshException se && se.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
                throw new Refused(what + " refused the login as " + user + " with the key " + KeyFiles.describe(key)
                        + " (Ferry offers public-key authentication only)",
                        "check ssh.user for the source AMI (Debian: admin, Ubuntu: ubuntu, Amazon Linux: ec2-user) and that "
                                + "the key is the EC2 key pair's (builder.keyPair with its privateKeyFile, or the bastion's privateKeyFile)");
            }
            throw new FerryException("cannot log in to " + what + " as " + user + ": " + describe(e), null);
        }
    }

    private static void closeQuietly(ClientSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (IOException ignored) {
                // the session is gone either way
            }
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    /**
     * Runs {@code command} (with {@code stdin}, or none), streams its output and waits at most {@code timeout}.
     *
     * @return the exit status
     */
    public int exec(String command, Optional<InputStream> stdin, OutputStream out, OutputStream err, Duration timeout) {
        try (ChannelExec ch = session.createExecChannel(command)) {
            ch.setOut(out);
            ch.setErr(err);
            stdin.ifPresent(ch::setIn);
            ch.open().verify(Duration.ofMinutes(1));
            Set<ClientChannelEvent> ev = ch.waitFor(EnumSet.of(ClientChannelEvent.CLOSED), timeout);
            out.flush();
            err.flush();
            if (!ev.contains(ClientChannelEvent.CLOSED)) {
                throw new FerryException("the command on the builder did not finish within " + timeout.toMinutes() + "m",
                        "raise waits.step in image.yaml if the step is really that slow");
            }
            Integer status = ch.getExitStatus();
            if (status == null) {
                String signal = ch.getExitSignal();
                throw new FerryException("the command on the builder ended without an exit status"
                        + (signal == null ? " (the connection dropped)" : " (killed by signal " + signal + ")"), null);
            }
            return status;
        } catch (IOException e) {
            throw new FerryException("SSH to the builder failed: " + describe(e), "check the builder's console output");
        }
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (IOException ignored) {
            // closing
        }
        closeQuietly(tunnel, bastionSession, client);
    }

    private static void closeQuietly(Optional<ExplicitPortForwardingTracker> tunnel, Optional<ClientSession> jump, SshClient client) {
        try {
            if (tunnel.isPresent()) {
                tunnel.get().close();
            }
            if (jump.isPresent()) {
                jump.get().close();
            }
        } catch (IOException ignored) {
            // closing
        } finally {
            client.stop();
        }
    }

    /**
     * The server answered and said no (no common key exchange algorithm, the login refused, a host key that does not
     * match): waiting for the builder to finish booting cannot change that, so it is never retried.
     */
    public static class Refused extends FerryException {
        private static final long serialVersionUID = 1L;

        Refused(String message, String hint) {
            super(message, hint);
        }
    }

    /** The server's host key did not match: never retried, never ignored. */
    public static final class HostKeyRefused extends Refused {
        private static final long serialVersionUID = 1L;

        HostKeyRefused(String message) {
            super(message + "; refusing to connect",
                    "if the builder's key really changed, check the console output (aws ec2 get-console-output); "
                            + "otherwise something else answers at that address");
        }
    }
}
