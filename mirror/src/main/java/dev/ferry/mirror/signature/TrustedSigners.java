package dev.ferry.mirror.signature;

import dev.ferry.error.BadInput;
import java.util.Map;
import java.util.TreeSet;

/**
 * The signers a run trusts by name, as a lock names them: the keyrings Ferry ships ({@code keyring: builtin:runc}),
 * the sigstore identities ({@code sigstore: kubernetes-release}) and the Fulcio roots their certificates chain to.
 * A lock's own keyring files are read where it names them, not here.
 *
 * @param keyrings   built-in keyrings by name
 * @param identities sigstore identities by name
 * @param fulcio     the roots sigstore certificates must chain to
 */
public record TrustedSigners(Map<String, OpenPgpKeyring> keyrings, Map<String, SigstoreIdentity> identities, FulcioRoots fulcio) {

    public TrustedSigners {
        keyrings = Map.copyOf(keyrings);
        identities = Map.copyOf(identities);
    }

    /** What Ferry ships: runc's keyring, the Kubernetes release signer, sigstore's public-good Fulcio root. */
    public static TrustedSigners upstream() {
        return Upstream.SIGNERS;
    }

    private static final class Upstream {
        static final TrustedSigners SIGNERS = new TrustedSigners(Map.of("runc", UpstreamSigners.runc()),
                Map.of("kubernetes-release", UpstreamSigners.kubernetesRelease()), UpstreamSigners.fulcio());
    }

    /** The built-in keyring called {@code name}. */
    public OpenPgpKeyring keyring(String name) {
        OpenPgpKeyring k = keyrings.get(name);
        if (k == null) {
            throw new BadInput("Ferry ships no keyring called '" + name + "'", "known: " + String.join(", ", new TreeSet<>(keyrings.keySet()))
                    + "; for another vendor give keyring: keys/vendor.asc in ferry.yaml");
        }
        return k;
    }

    /** The sigstore identity called {@code name}. */
    public SigstoreIdentity identity(String name) {
        SigstoreIdentity id = identities.get(name);
        if (id == null) {
            throw new BadInput("Ferry knows no sigstore signer called '" + name + "'", "known: " + String.join(", ", new TreeSet<>(identities.keySet())));
        }
        return id;
    }
}
