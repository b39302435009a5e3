package dev.ferry.mirror.signature;

import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.SignatureException;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;

/**
 * A sigstore "blob" signature as Kubernetes publishes one beside each release file on dl.k8s.io:
 * {@code <file>.sig} (base64 of a DER ECDSA signature over the file's bytes, SHA-256) and {@code <file>.cert}
 * (base64 of the PEM Fulcio certificate holding the key). {@link #start} checks the certificate's chain and
 * identity before any byte of the file is read; {@link #finish} checks the signature over the bytes.
 *
 * <p>This is what {@code cosign verify-blob} checks, less the transparency log: the result says the signing
 * time is not proven.
 */
public final class SigstoreBlobCheck implements SignatureCheck<SigstoreVerified> {
    private final Signature verifier;
    private final byte[] signature;
    private final FulcioCertificate certificate;
    private final String identity;
    private final String issuer;
    private final String subject;
    private final String expected;
    private boolean finished;

    private SigstoreBlobCheck(Signature verifier, byte[] signature, FulcioCertificate certificate, String identity, String issuer,
            String subject, String expected) {
        this.verifier = verifier;
        this.signature = signature;
        this.certificate = certificate;
        this.identity = identity;
        this.issuer = issuer;
        this.subject = subject;
        this.expected = expected;
    }

    /**
     * @param roots           the Fulcio roots and intermediates to chain to
     * @param signer          who the certificate must name
     * @param signatureFile   the {@code .sig} file's bytes
     * @param certificateFile the {@code .cert} file's bytes
     * @param subject         what is being checked (the file's URL), for messages
     * @throws SignatureRefused when the signature or certificate cannot be read, the certificate does not chain
     *         to {@code roots}, or it names another identity or issuer
     */
    public static SigstoreBlobCheck start(FulcioRoots roots, SigstoreIdentity signer, byte[] signatureFile, byte[] certificateFile, String subject) {
        String expected = signer.describe() + ", chaining to " + roots.source();
        FulcioCertificate cert = FulcioCertificate.parse(certificateFile, subject, expected);
        roots.validate(cert, subject, expected);
        String identity = cert.identities().stream().filter(signer.subjects()::contains).findFirst().orElseThrow(() ->
                new SignatureRefused(subject, Reason.WRONG_IDENTITY, "the certificate is for " + names(cert.identities()), expected));
        List<String> issuers = cert.issuers();
        if (issuers.isEmpty() || !issuers.stream().allMatch(signer.issuer()::equals)) {
            throw new SignatureRefused(subject, Reason.WRONG_ISSUER, "the certificate's OIDC issuer is " + names(issuers.stream().distinct().toList()), expected);
        }
        byte[] signature = decodeSignature(signatureFile, subject, expected);
        if (!cert.hasP256Key()) {
            throw new SignatureRefused(subject, Reason.MALFORMED, "the certificate's key is " + cert.leaf().getPublicKey().getAlgorithm()
                    + ", not ECDSA P-256 as sigstore signs blobs", expected);
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSA");
            verifier.initVerify(cert.leaf().getPublicKey());
            return new SigstoreBlobCheck(verifier, signature, cert, identity, signer.issuer(), subject, expected);
        } catch (GeneralSecurityException e) {
            throw new SignatureRefused(subject, Reason.MALFORMED, "cannot use the certificate's key: " + e.getMessage(), expected);
        }
    }

    @Override
    public void update(byte[] bytes, int offset, int length) {
        if (finished) {
            throw new IllegalStateException("signature check already finished");
        }
        try {
            verifier.update(bytes, offset, length);
        } catch (SignatureException e) {
            throw new IllegalStateException(e); // only when not initialised, which start() rules out
        }
    }

    @Override
    public SigstoreVerified finish() {
        if (finished) {
            throw new IllegalStateException("signature check already finished");
        }
        finished = true;
        return verified(verifier);
    }

    /**
     * Instead of the bytes, their SHA-256: an ECDSA signature is made over the SHA-256 of the file, so a file whose
     * sha256 is this digest is the file that was signed. This lets a check ride on the hash a download computes
     * anyway (or on a hash pinned in a lock) without reading the file again.
     *
     * @param sha256 the 32-byte SHA-256 of the file
     * @throws SignatureRefused when the signature is not over a file with this digest
     */
    public SigstoreVerified finishWithSha256(byte[] sha256) {
        if (finished) {
            throw new IllegalStateException("signature check already finished");
        }
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
        }
        finished = true;
        try {
            Signature overDigest = Signature.getInstance("NONEwithECDSA"); // ECDSA over a digest computed elsewhere
            overDigest.initVerify(certificate.leaf().getPublicKey());
            overDigest.update(sha256);
            return verified(overDigest);
        } catch (GeneralSecurityException e) {
            throw new SignatureRefused(subject, Reason.MALFORMED, "cannot use the certificate's key: " + e.getMessage(), expected);
        }
    }

    private SigstoreVerified verified(Signature fed) {
        boolean good;
        try {
            good = fed.verify(signature);
        } catch (SignatureException e) {
            good = false;
        }
        if (!good) {
            throw new SignatureRefused(subject, Reason.BAD_SIGNATURE, "the signature by " + identity + " is over other bytes", expected);
        }
        return new SigstoreVerified(identity, issuer, certificate.sha256(), certificate.leaf().getNotBefore().toInstant(),
                certificate.leaf().getNotAfter().toInstant());
    }

    /** The DER signature: the {@code .sig} file is its base64 (raw DER is accepted too); it must be an ECDSA (r, s) pair. */
    private static byte[] decodeSignature(byte[] file, String subject, String expected) {
        try {
            byte[] der = file.length > 0 && file[0] == 0x30 ? file : Base64.getMimeDecoder().decode(new String(file, StandardCharsets.US_ASCII).strip());
            ASN1Sequence pair = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
            if (pair.size() != 2 || !(pair.getObjectAt(0) instanceof ASN1Integer) || !(pair.getObjectAt(1) instanceof ASN1Integer)) {
                throw new IllegalArgumentException("not an ECDSA signature");
            }
            return der;
        } catch (IOException | IllegalArgumentException e) {
            throw new SignatureRefused(subject, Reason.MALFORMED, "the signature file is not a base64 ECDSA signature (" + e.getMessage() + ")", expected);
        }
    }

    private static String names(List<String> values) {
        return values.isEmpty() ? "nobody (it names none)" : String.join(", ", values);
    }
}
