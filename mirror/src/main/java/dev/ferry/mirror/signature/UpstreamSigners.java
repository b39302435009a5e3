package dev.ferry.mirror.signature;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.Set;

/**
 * Who signs the upstream files Ferry verifies by default, as data shipped with Ferry: runc's release keyring and
 * sigstore's Fulcio roots (where and when each was taken: PROVENANCE.md beside them), and the identity that
 * signs Kubernetes release files.
 */
public final class UpstreamSigners {
    /** When runc removed Aleksa Sarai's former SUSE key from its keyring (commit a691486c8, 2026-03-03T23:34:22+11:00). */
    static final Instant RUNC_SUSE_KEY_WITHDRAWN = Instant.parse("2026-03-03T12:34:22Z");

    /**
     * Kubernetes release files on dl.k8s.io: binaries and tarballs are signed by the staging signer during
     * {@code krel stage} (Kubernetes documents {@code krel-staging@…} for {@code cosign verify-blob}); container
     * images by {@code krel-trust@…} at promotion. Both are Kubernetes release engineering accounts.
     */
    private static final SigstoreIdentity KUBERNETES_RELEASE = new SigstoreIdentity(
            Set.of("krel-staging@k8s-releng-prod.iam.gserviceaccount.com", "krel-trust@k8s-releng-prod.iam.gserviceaccount.com"),
            "https://accounts.google.com");

    private UpstreamSigners() {}

    private static final class Loaded {
        static final OpenPgpKeyring RUNC = OpenPgpKeyring.parse(resource("runc.keyring"), "runc.keyring")
                .plus(OpenPgpKeyring.parse(resource("runc-withdrawn.keyring"), "runc-withdrawn.keyring").trustedUntil(RUNC_SUSE_KEY_WITHDRAWN));
        static final FulcioRoots FULCIO = FulcioRoots.parse(resource("fulcio-root.pem"), resource("fulcio-intermediate.pem"),
                "the sigstore public-good Fulcio root");
    }

    /** runc's release keyring, with its withdrawn key trusted for signatures made before the withdrawal. */
    public static OpenPgpKeyring runc() {
        return Loaded.RUNC;
    }

    /** sigstore's public-good Fulcio root and intermediate. */
    public static FulcioRoots fulcio() {
        return Loaded.FULCIO;
    }

    /** The signer of Kubernetes release files (dl.k8s.io {@code .sig} + {@code .cert}). */
    public static SigstoreIdentity kubernetesRelease() {
        return KUBERNETES_RELEASE;
    }

    private static byte[] resource(String name) {
        try (InputStream in = UpstreamSigners.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Ferry is missing its resource " + name + " (a broken build)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
