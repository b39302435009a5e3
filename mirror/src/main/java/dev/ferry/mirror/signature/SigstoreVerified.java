package dev.ferry.mirror.signature;

import java.time.Instant;

/**
 * A sigstore signature matched the bytes with the key of a Fulcio certificate that chains to the trusted roots
 * and names the expected signer. Without the transparency-log (Rekor) entry, which is not checked, nothing
 * proves the signature was made while the certificate was valid (about ten minutes): {@link #summary} says so.
 *
 * @param identity              the certificate's SAN that matched ("krel-staging@k8s-releng-prod.iam.gserviceaccount.com")
 * @param issuer                its OIDC issuer ("https://accounts.google.com")
 * @param certificateSha256     the SHA-256 of the certificate's DER encoding (lower-case hex)
 * @param certificateNotBefore  when Fulcio issued the certificate
 * @param certificateNotAfter   when it stopped being valid
 */
public record SigstoreVerified(String identity, String issuer, String certificateSha256, Instant certificateNotBefore, Instant certificateNotAfter)
        implements Verified {

    /** Always false: the signing time is proven only by a transparency-log entry, which Ferry does not check offline. */
    public boolean signingTimeProven() {
        return false;
    }

    @Override
    public String summary() {
        return "signature and identity verified: " + identity + " (issuer " + issuer + "), Fulcio certificate issued " + certificateNotBefore
                + "; signing time not proven (no transparency log entry checked)";
    }

    @Override
    public String lockValue() {
        return "verified (sigstore " + identity + "; signing time not proven)";
    }
}
