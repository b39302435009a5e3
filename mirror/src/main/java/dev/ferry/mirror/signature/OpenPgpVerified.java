package dev.ferry.mirror.signature;

import java.time.Instant;

/**
 * An OpenPGP signature by a key of the keyring matched the bytes, and the key could sign at the signature's time.
 *
 * @param keyFingerprint        the primary key's fingerprint (upper-case hex), as keyrings and {@code gpg} list it
 * @param signingKeyFingerprint the (sub)key that made the signature; the primary key's own when it signed itself
 * @param userId                the key's user ID ("Kir Kolyshkin &lt;kolyshkin@gmail.com&gt;")
 * @param signedAt              the time the signature states (the signer's claim, covered by the signature)
 * @param keyring               the keyring that trusted the key ("runc.keyring", "keys/vendor.asc")
 */
public record OpenPgpVerified(String keyFingerprint, String signingKeyFingerprint, String userId, Instant signedAt, String keyring)
        implements Verified {

    @Override
    public String summary() {
        String subkey = signingKeyFingerprint.equals(keyFingerprint) ? "" : ", subkey " + signingKeyFingerprint;
        return "OpenPGP signature verified: signed by " + userId + " (key " + keyFingerprint + subkey + ") on " + signedAt + ", trusted by " + keyring;
    }

    @Override
    public String lockValue() {
        return "verified (key " + keyFingerprint + ")";
    }
}
