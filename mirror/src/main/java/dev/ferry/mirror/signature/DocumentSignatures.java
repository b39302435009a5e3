package dev.ferry.mirror.signature;

import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import dev.ferry.mirror.signature.OpenPgpKeyring.KeyMatch;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.KeyIdentifier;
import org.bouncycastle.bcpg.SignatureSubpacketTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPMarker;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureList;
import org.bouncycastle.openpgp.PGPSignatureSubpacketVector;
import org.bouncycastle.openpgp.PGPUtil;
import org.bouncycastle.openpgp.bc.BcPGPObjectFactory;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentVerifierBuilderProvider;
import org.bouncycastle.openpgp.operator.jcajce.JcaPGPContentVerifierBuilderProvider;

/**
 * The OpenPGP signatures over one document, checked against a keyring: the ones by trusted keys valid at their
 * time are fed the document's bytes; {@link #finish} says which verified. One signature by a trusted key that
 * verifies is enough (a file may carry signatures by several maintainers).
 */
final class DocumentSignatures {
    /** Digests that still protect a signature; MD5, SHA-1 and RIPEMD-160 do not (chosen-prefix collisions). */
    private static final Set<Integer> STRONG_DIGESTS = Set.of(HashAlgorithmTags.SHA224, HashAlgorithmTags.SHA256, HashAlgorithmTags.SHA384,
            HashAlgorithmTags.SHA512, HashAlgorithmTags.SHA3_256, HashAlgorithmTags.SHA3_512);
    /** Subpackets a verifier may see marked critical and still understand (RFC 9580, 5.2.3.7). */
    private static final Set<Integer> UNDERSTOOD_CRITICAL = Set.of(SignatureSubpacketTags.CREATION_TIME, SignatureSubpacketTags.EXPIRE_TIME,
            SignatureSubpacketTags.EXPORTABLE, SignatureSubpacketTags.REVOCABLE, SignatureSubpacketTags.ISSUER_KEY_ID,
            SignatureSubpacketTags.SIGNER_USER_ID, SignatureSubpacketTags.ISSUER_FINGERPRINT, SignatureSubpacketTags.KEY_FLAGS);

    private record Pending(PGPSignature signature, KeyMatch match) {}

    private final String subject;
    private final List<Pending> pending;

    private DocumentSignatures(String subject, List<Pending> pending) {
        this.subject = subject;
        this.pending = pending;
    }

    /**
     * Picks the signatures by keys of {@code keyring} that could sign at their time, ready for the document's bytes.
     * Throws {@link SignatureRefused} now, before any byte is read, when none can verify.
     */
    static DocumentSignatures start(List<PGPSignature> signatures, OpenPgpKeyring keyring, String subject) {
        String expected = keyring.expectedSigner();
        SigningKeyCheck keys = new SigningKeyCheck(subject, expected);
        List<Pending> pending = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        SignatureRefused firstRefusal = null;
        for (PGPSignature sig : signatures) {
            Optional<KeyMatch> match = keyring.find(sig);
            if (match.isEmpty()) {
                unknown.add(issuer(sig));
                continue;
            }
            try {
                checkDocumentSignature(sig, subject, expected);
                keys.check(match.get(), sig);
                initForData(sig, match.get().key());
                pending.add(new Pending(sig, match.get()));
            } catch (PGPException e) {
                firstRefusal = firstRefusal != null ? firstRefusal
                        : new SignatureRefused(subject, Reason.MALFORMED, "cannot check a signature by " + issuer(sig) + ": " + e.getMessage(), expected);
            } catch (SignatureRefused e) {
                firstRefusal = firstRefusal != null ? firstRefusal : e;
            }
        }
        if (pending.isEmpty()) {
            throw firstRefusal != null ? firstRefusal
                    : new SignatureRefused(subject, Reason.UNKNOWN_KEY, String.join(", ", unknown) + (unknown.size() == 1 ? " is" : " are") + " not in " + keyring.source(), expected);
        }
        return new DocumentSignatures(subject, pending);
    }

    /**
     * The JDK's providers digest a large file several times faster than Bouncy Castle's pure-Java digests (SHA
     * instructions); Bouncy Castle's own operators stay the fallback for algorithms the JDK lacks (Brainpool curves).
     */
    private static void initForData(PGPSignature sig, PGPPublicKey key) throws PGPException {
        try {
            sig.init(new JcaPGPContentVerifierBuilderProvider(), key);
        } catch (PGPException | RuntimeException e) {
            sig.init(new BcPGPContentVerifierBuilderProvider(), key);
        }
    }

    void update(byte[] bytes, int offset, int length) {
        for (Pending p : pending) {
            p.signature().update(bytes, offset, length);
        }
    }

    /** The first trusted signature that matches the bytes fed; {@link Reason#BAD_SIGNATURE} when none does. */
    OpenPgpVerified finish() {
        for (Pending p : pending) {
            boolean good;
            try {
                good = p.signature().verify();
            } catch (PGPException | RuntimeException e) {
                good = false;
            }
            if (good) {
                return verifiedBy(p);
            }
        }
        Pending first = pending.get(0);
        String by = SigningKeyCheck.describe(first.match().trusted().ring().getPublicKey(), first.match().key());
        throw new SignatureRefused(subject, Reason.BAD_SIGNATURE,
                "the signature by " + by + " dated " + first.signature().getCreationTime().toInstant() + " is over other bytes",
                "the file exactly as " + by + " signed it");
    }

    /** The signatures of a detached signature file, armoured ({@code .asc}) or binary ({@code .sig}, {@code .gpg}). */
    static List<PGPSignature> read(byte[] signatureFile, String subject, OpenPgpKeyring keyring) {
        List<PGPSignature> out = new ArrayList<>();
        Object other = null;
        try (InputStream in = PGPUtil.getDecoderStream(new ByteArrayInputStream(signatureFile))) {
            BcPGPObjectFactory objects = new BcPGPObjectFactory(in);
            for (Object o = objects.nextObject(); o != null && other == null; o = objects.nextObject()) {
                if (o instanceof PGPSignatureList list) {
                    list.forEach(out::add);
                } else if (!(o instanceof PGPMarker)) {
                    other = o;
                }
            }
        } catch (IOException | RuntimeException e) {
            throw malformed(subject, keyring, "it is not an OpenPGP signature (" + e.getMessage() + ")");
        }
        if (other != null) {
            throw malformed(subject, keyring, "it holds " + other.getClass().getSimpleName().replace("PGP", "an OpenPGP ") + ", not a detached signature");
        }
        if (out.isEmpty()) {
            throw malformed(subject, keyring, "it holds no signature");
        }
        return out;
    }

    private static SignatureRefused malformed(String subject, OpenPgpKeyring keyring, String detail) {
        return new SignatureRefused(subject, Reason.MALFORMED, detail, keyring.expectedSigner());
    }

    private static void checkDocumentSignature(PGPSignature sig, String subject, String expected) {
        int type = sig.getSignatureType();
        if (type != PGPSignature.BINARY_DOCUMENT && type != PGPSignature.CANONICAL_TEXT_DOCUMENT) {
            throw new SignatureRefused(subject, Reason.MALFORMED, "the signature by " + issuer(sig) + " is of type 0x" + Integer.toHexString(type) + ", not a signature over a file", expected);
        }
        if (!STRONG_DIGESTS.contains(sig.getHashAlgorithm())) {
            throw new SignatureRefused(subject, Reason.WEAK_ALGORITHM, "the signature by " + issuer(sig) + " uses digest "
                    + digestName(sig.getHashAlgorithm()), expected);
        }
        PGPSignatureSubpacketVector hashed = sig.getHashedSubPackets();
        if (hashed == null) {
            return; // a version 3 signature: no subpackets
        }
        for (int tag : hashed.getCriticalTags()) {
            if (!UNDERSTOOD_CRITICAL.contains(tag)) {
                throw new SignatureRefused(subject, Reason.MALFORMED, "the signature by " + issuer(sig) + " has a critical subpacket Ferry does not understand (type " + tag + ")", expected);
            }
        }
        long validFor = hashed.getSignatureExpirationTime();
        Instant expires = sig.getCreationTime().toInstant().plusSeconds(validFor);
        if (validFor > 0 && !Instant.now().isBefore(expires)) {
            throw new SignatureRefused(subject, Reason.SIGNATURE_EXPIRED, "the signature by " + issuer(sig) + " expired on " + expires, expected);
        }
    }

    private OpenPgpVerified verifiedBy(Pending p) {
        var primary = p.match().trusted().ring().getPublicKey();
        return new OpenPgpVerified(OpenPgpKeyring.fingerprint(primary), OpenPgpKeyring.fingerprint(p.match().key()),
                OpenPgpKeyring.userId(primary), p.signature().getCreationTime().toInstant(), p.match().trusted().trustedBy());
    }

    /** "key B64E4955B29FA3D463F2A9062897FAD2B7E9446F", or "key ID 2897FAD2B7E9446F" where the signature names no fingerprint. */
    static String issuer(PGPSignature sig) {
        List<KeyIdentifier> ids = sig.getKeyIdentifiers();
        return ids.stream().filter(id -> id.getFingerprint() != null).findFirst().map(id -> "key " + id)
                .or(() -> ids.stream().findFirst().map(id -> String.format("key ID %016X", id.getKeyId())))
                .orElse("a key the signature does not name");
    }

    private static String digestName(int algorithm) {
        try {
            return PGPUtil.getDigestName(algorithm);
        } catch (PGPException e) {
            return "number " + algorithm;
        }
    }
}
