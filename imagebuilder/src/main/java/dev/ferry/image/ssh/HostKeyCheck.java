package dev.ferry.image.ssh;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.digest.BuiltinDigests;

/**
 * Decides whether to trust a server's host key: it must match one of the expected fingerprints when there are
 * any; otherwise it is accepted only when the caller allows an unverified key, and is recorded so it can be
 * printed. Never a silent trust-all.
 */
public final class HostKeyCheck implements ServerKeyVerifier {
    private final String label;
    private final List<String> expected;
    private final boolean allowUnverified;
    private volatile String presented;
    private volatile String refusal;

    /**
     * @param label what the server is, for messages ("builder 10.0.1.7:22")
     * @param expected fingerprints ({@code SHA256:...} or {@code MD5:..}) from the console output or config
     * @param allowUnverified accept (and record) any key when {@code expected} is empty
     */
    public HostKeyCheck(String label, List<String> expected, boolean allowUnverified) {
        this.label = label;
        this.expected = List.copyOf(expected);
        this.allowUnverified = allowUnverified;
    }

    @Override
    public boolean verifyServerKey(ClientSession session, SocketAddress remote, PublicKey key) {
        String sha256 = KeyUtils.getFingerPrint(BuiltinDigests.sha256, key);
        String md5 = KeyUtils.getFingerPrint(BuiltinDigests.md5, key);
        presented = sha256;
        if (!expected.isEmpty()) {
            if (expected.contains(sha256) || expected.contains(md5)) {
                return true;
            }
            refusal = "the host key of " + label + " (" + KeyUtils.getKeyType(key) + " " + sha256
                    + ") matches none of the expected fingerprints " + expected;
            return false;
        }
        if (allowUnverified) {
            return true;
        }
        refusal = "the host key of " + label + " (" + sha256 + ") cannot be verified: no expected fingerprint is known";
        return false;
    }

    public boolean verifies() {
        return !expected.isEmpty();
    }

    /** The SHA256 fingerprint the server presented, once it has been asked. */
    public Optional<String> presented() {
        return Optional.ofNullable(presented);
    }

    /** Why the key was refused, if it was. */
    public Optional<String> refusal() {
        return Optional.ofNullable(refusal);
    }
}
