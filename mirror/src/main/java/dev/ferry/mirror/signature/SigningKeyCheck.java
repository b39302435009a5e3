package dev.ferry.mirror.signature;

import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import dev.ferry.mirror.signature.OpenPgpKeyring.KeyMatch;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.PublicKeyAlgorithmTags;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;

/**
 * Whether the key that made a signature could sign files at the time the signature says it was made.
 *
 * <p>The rules (documented for users in docs/manifest.md):
 * <ul>
 * <li>A key is judged by its newest valid self-signature and, for a subkey, its newest valid binding, whatever
 *     their dates: keyrings keep only the latest ones, so an older state cannot be reconstructed (gpg does the same).
 * <li>Expiry is judged at the signature's time: a release signed while its key was valid stays verified after the
 *     key expires (runc's releases outlive its maintainers' key expiry dates).
 * <li>A hard revocation (key compromised, or no reason given) refuses every signature by the key; a soft one
 *     (superseded, retired) refuses the signatures made at or after the revocation (RFC 9580, 5.2.3.31).
 * <li>A signing subkey needs its primary key binding (back-signature); key flags, where present, must allow
 *     signing data; RSA, DSA and ElGamal keys need 2048 bits.
 * </ul>
 * Third-party and designated revokers are not consulted: only what the key's owner signed counts.
 */
final class SigningKeyCheck {
    private static final int MIN_RSA_BITS = 2048;

    @FunctionalInterface
    private interface Verification {
        boolean run(PGPSignature sig) throws PGPException;
    }

    private final BcPGPContentVerifierBuilderProvider verifiers = new BcPGPContentVerifierBuilderProvider();
    private final String subject;
    private final String expected;

    SigningKeyCheck(String subject, String expected) {
        this.subject = subject;
        this.expected = expected;
    }

    /** Throws {@link SignatureRefused} unless {@code match.key()} could sign data when {@code signature} was made. */
    void check(KeyMatch match, PGPSignature signature) {
        // The signatures of a key ring are shared by parallel downloads (and keyrings), and init() changes them.
        synchronized (match.trusted().ring()) {
            checkLocked(match, signature.getCreationTime().toInstant());
        }
    }

    private void checkLocked(KeyMatch match, Instant signedAt) {
        PGPPublicKey primary = match.trusted().ring().getPublicKey();
        PGPPublicKey key = match.key();
        String who = describe(primary, key);
        Optional<Instant> until = match.trusted().trustedUntil();
        if (until.isPresent() && !signedAt.isBefore(until.get())) {
            throw refuse(Reason.KEY_EXPIRED, who + " was withdrawn from its publisher's keyring on " + until.get() + "; the signature is dated " + signedAt);
        }
        if (key.getCreationTime().toInstant().isAfter(signedAt)) {
            throw refuse(Reason.KEY_EXPIRED, "the signature is dated " + signedAt + ", before " + who + " was created (" + key.getCreationTime().toInstant() + ")");
        }
        PGPSignature self = newestSelfSignature(primary).orElseThrow(() ->
                refuse(Reason.KEY_NOT_FOR_SIGNING, who + " has no valid self-signature (its keyring entry is incomplete or damaged)"));
        checkRevocations(primary.getSignaturesOfType(PGPSignature.KEY_REVOCATION), primary, s -> s.verifyCertification(primary), signedAt, who);
        checkExpiry(primary, self, signedAt, who);
        PGPSignature binding = self;
        if (!key.isMasterKey()) {
            binding = newest(key.getSignaturesOfType(PGPSignature.SUBKEY_BINDING), primary, s -> s.verifyCertification(primary, key)).orElseThrow(() ->
                    refuse(Reason.KEY_NOT_FOR_SIGNING, who + " is not bound to its primary key by a valid signature"));
            checkRevocations(key.getSignaturesOfType(PGPSignature.SUBKEY_REVOCATION), primary, s -> s.verifyCertification(primary, key), signedAt, who);
            checkExpiry(key, binding, signedAt, who);
            if (!hasBackSignature(binding, primary, key)) {
                throw refuse(Reason.KEY_NOT_FOR_SIGNING, who + " has no valid primary key binding (back-signature), which a signing subkey needs");
            }
        }
        PGPSignatureSubpacketVector flags = binding.getHashedSubPackets();
        if (flags != null && flags.hasSubpacket(SignatureSubpacketTags.KEY_FLAGS) && (flags.getKeyFlags() & KeyFlags.SIGN_DATA) == 0) {
            throw refuse(Reason.KEY_NOT_FOR_SIGNING, who + " is not allowed to sign data (its key flags allow only " + flagWords(flags.getKeyFlags()) + ")");
        }
        if (isRsaLike(key.getAlgorithm()) && key.getBitStrength() < MIN_RSA_BITS) {
            throw refuse(Reason.WEAK_ALGORITHM, who + " has only " + key.getBitStrength() + " bits");
        }
    }

    /** The newest valid self-signature of the primary key: a direct-key signature or a certification of a user ID still valid. */
    private Optional<PGPSignature> newestSelfSignature(PGPPublicKey primary) {
        List<PGPSignature> candidates = new ArrayList<>();
        newest(primary.getSignaturesOfType(PGPSignature.DIRECT_KEY), primary, s -> s.verifyCertification(primary)).ifPresent(candidates::add);
        Iterator<byte[]> ids = primary.getRawUserIDs();
        while (ids.hasNext()) {
            byte[] id = ids.next();
            List<PGPSignature> certs = new ArrayList<>();
            List<PGPSignature> revocations = new ArrayList<>();
            primary.getSignaturesForID(id).forEachRemaining(s -> (s.getSignatureType() == PGPSignature.CERTIFICATION_REVOCATION ? revocations : certs).add(s));
            Optional<PGPSignature> cert = newest(certs.iterator(), primary, s -> PGPSignature.isCertification(s.getSignatureType()) && s.verifyCertification(id, primary));
            Optional<PGPSignature> revoked = newest(revocations.iterator(), primary, s -> s.verifyCertification(id, primary));
            if (cert.isPresent() && (revoked.isEmpty() || revoked.get().getCreationTime().before(cert.get().getCreationTime()))) {
                candidates.add(cert.get());
            }
        }
        return candidates.stream().max(Comparator.comparing(PGPSignature::getCreationTime));
    }

    private void checkRevocations(Iterator<PGPSignature> revocations, PGPPublicKey primary, Verification verification, Instant signedAt, String who) {
        while (revocations.hasNext()) {
            PGPSignature revocation = revocations.next();
            if (!valid(revocation, primary, verification)) {
                continue; // a revocation its owner did not sign revokes nothing
            }
            Instant revokedAt = revocation.getCreationTime().toInstant();
            if (revocation.isHardRevocation()) {
                throw refuse(Reason.KEY_REVOKED, who + " was revoked on " + revokedAt + " (" + revocationReason(revocation) + "), which invalidates all its signatures");
            }
            if (!signedAt.isBefore(revokedAt)) {
                throw refuse(Reason.KEY_REVOKED, who + " was retired on " + revokedAt + " (" + revocationReason(revocation) + "); the signature is dated " + signedAt);
            }
        }
    }

    private void checkExpiry(PGPPublicKey key, PGPSignature selfSignature, Instant signedAt, String who) {
        PGPSignatureSubpacketVector hashed = selfSignature.getHashedSubPackets();
        long seconds = hashed != null ? hashed.getKeyExpirationTime() : key.getValidSeconds();
        if (seconds <= 0) {
            return;
        }
        Instant expires = key.getCreationTime().toInstant().plusSeconds(seconds);
        if (!signedAt.isBefore(expires)) {
            throw refuse(Reason.KEY_EXPIRED, who + " expired on " + expires + "; the signature is dated " + signedAt);
        }
    }

    private boolean hasBackSignature(PGPSignature binding, PGPPublicKey primary, PGPPublicKey subkey) {
        for (PGPSignatureSubpacketVector packets : new PGPSignatureSubpacketVector[] {binding.getHashedSubPackets(), binding.getUnhashedSubPackets()}) {
            if (packets == null) {
                continue;
            }
            PGPSignatureList embedded;
            try {
                embedded = packets.getEmbeddedSignatures();
            } catch (PGPException e) {
                continue;
            }
            for (PGPSignature back : embedded) {
                if (back.getSignatureType() == PGPSignature.PRIMARYKEY_BINDING && valid(back, subkey, s -> s.verifyCertification(primary, subkey))) {
                    return true;
                }
            }
        }
        return false;
    }

    private Optional<PGPSignature> newest(Iterator<PGPSignature> signatures, PGPPublicKey signer, Verification verification) {
        PGPSignature best = null;
        while (signatures.hasNext()) {
            PGPSignature sig = signatures.next();
            if ((best == null || sig.getCreationTime().after(best.getCreationTime())) && valid(sig, signer, verification)) {
                best = sig;
            }
        }
        return Optional.ofNullable(best);
    }

    private boolean valid(PGPSignature sig, PGPPublicKey signer, Verification verification) {
        try {
            sig.init(verifiers, signer);
            return verification.run(sig);
        } catch (PGPException | RuntimeException e) {
            return false; // an algorithm Bouncy Castle cannot check, or a damaged packet: not a valid signature
        }
    }

    private SignatureRefused refuse(Reason reason, String detail) {
        return new SignatureRefused(subject, reason, detail, expected);
    }

    static String describe(PGPPublicKey primary, PGPPublicKey key) {
        String owner = "key " + OpenPgpKeyring.fingerprint(primary) + " (" + OpenPgpKeyring.userId(primary) + ")";
        return key.isMasterKey() ? owner : "subkey " + OpenPgpKeyring.fingerprint(key) + " of " + owner;
    }

    private static String revocationReason(PGPSignature revocation) {
        PGPSignatureSubpacketVector hashed = revocation.getHashedSubPackets();
        if (hashed == null || hashed.getRevocationReason() == null) {
            return "no reason given";
        }
        String words = switch (hashed.getRevocationReason().getRevocationReason()) {
            case 1 -> "key superseded";
            case 2 -> "key compromised";
            case 3 -> "key retired";
            default -> "reason code " + hashed.getRevocationReason().getRevocationReason();
        };
        String text = hashed.getRevocationReason().getRevocationDescription();
        return text == null || text.isBlank() ? words : words + ": " + text;
    }

    private static String flagWords(int flags) {
        List<String> words = new ArrayList<>();
        if ((flags & KeyFlags.CERTIFY_OTHER) != 0) {
            words.add("certifying keys");
        }
        if ((flags & (KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE)) != 0) {
            words.add("encryption");
        }
        if ((flags & KeyFlags.AUTHENTICATION) != 0) {
            words.add("authentication");
        }
        return words.isEmpty() ? "nothing" : String.join(", ", words);
    }

    /** RSA (1, 2, 3), ElGamal (16, 20) and DSA (17): key sizes that need 2048 bits; the numbers, as Bouncy Castle deprecates some names. */
    private static boolean isRsaLike(int algorithm) {
        return Set.of(PublicKeyAlgorithmTags.RSA_GENERAL, 2, 3, 16, 20, PublicKeyAlgorithmTags.DSA).contains(algorithm);
    }
}
