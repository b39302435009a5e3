package dev.ferry.mirror.signature;

import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A short-lived signing certificate from Fulcio, sigstore's CA, as published beside a file ({@code <file>.cert}
 * on dl.k8s.io is the base64 of a PEM certificate; plain PEM and DER are read too).
 *
 * @param leaf  the signing certificate
 * @param extra further certificates the file carried (candidate intermediates, never trusted by themselves)
 */
record FulcioCertificate(X509Certificate leaf, List<X509Certificate> extra) {
    /** Fulcio's OIDC issuer, DER UTF8String (current). */
    static final String ISSUER_V2_OID = "1.3.6.1.4.1.57264.1.8";
    /** Fulcio's OIDC issuer, raw string bytes (deprecated, still written). */
    static final String ISSUER_V1_OID = "1.3.6.1.4.1.57264.1.1";

    static FulcioCertificate parse(byte[] file, String subject, String expected) {
        try {
            List<X509Certificate> certs = decode(file, true);
            if (certs.isEmpty()) {
                throw new CertificateException("no certificate in it");
            }
            return new FulcioCertificate(certs.get(0), certs.subList(1, certs.size()));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new SignatureRefused(subject, Reason.MALFORMED, "the certificate file is not a PEM, DER or base64 certificate (" + e.getMessage() + ")", expected);
        }
    }

    private static List<X509Certificate> decode(byte[] file, boolean mayBeBase64) throws CertificateException {
        String text = new String(file, StandardCharsets.US_ASCII).strip();
        if (text.startsWith("-----BEGIN") || (file.length > 0 && file[0] == 0x30)) {
            return certificates(file);
        }
        if (!mayBeBase64) {
            throw new CertificateException("neither PEM nor DER");
        }
        return decode(Base64.getMimeDecoder().decode(text), false);
    }

    /** The certificates of a PEM or DER file, in order. */
    static List<X509Certificate> certificates(byte[] pemOrDer) throws CertificateException {
        List<X509Certificate> out = new ArrayList<>();
        CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(pemOrDer)).forEach(c -> out.add((X509Certificate) c));
        return out;
    }

    /** Whether the certificate's key is ECDSA on P-256, the key sigstore makes for keyless signing. */
    boolean hasP256Key() {
        SubjectPublicKeyInfo key = SubjectPublicKeyInfo.getInstance(leaf.getPublicKey().getEncoded());
        return X9ObjectIdentifiers.id_ecPublicKey.equals(key.getAlgorithm().getAlgorithm())
                && SECObjectIdentifiers.secp256r1.equals(key.getAlgorithm().getParameters());
    }

    /** The SAN e-mail addresses and URIs: who the certificate was issued to. */
    List<String> identities() {
        List<String> out = new ArrayList<>();
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names != null) {
                for (List<?> name : names) {
                    int type = (Integer) name.get(0);
                    if (type == 1 || type == 6) { // rfc822Name, uniformResourceIdentifier
                        out.add(String.valueOf(name.get(1)));
                    }
                }
            }
        } catch (CertificateParsingException e) {
            return List.of();
        }
        return out;
    }

    /** The OIDC issuer values the certificate states (current and deprecated extension; both, where present, must agree). */
    List<String> issuers() {
        List<String> out = new ArrayList<>();
        extension(ISSUER_V2_OID).flatMap(FulcioCertificate::derString).ifPresent(out::add);
        extension(ISSUER_V1_OID).map(raw -> new String(raw, StandardCharsets.UTF_8)).ifPresent(out::add);
        return out;
    }

    String sha256() {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(leaf.getEncoded()));
        } catch (NoSuchAlgorithmException | java.security.cert.CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<byte[]> extension(String oid) {
        byte[] wrapped = leaf.getExtensionValue(oid);
        if (wrapped == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(ASN1OctetString.getInstance(wrapped).getOctets());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> derString(byte[] der) {
        try {
            return ASN1Primitive.fromByteArray(der) instanceof ASN1String s ? Optional.of(s.getString()) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
