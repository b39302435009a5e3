package dev.ferry.mirror.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.DERUTF8String;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * A certificate authority made by a test, shaped like Fulcio: an ECDSA P-384 root and intermediate issuing
 * ten-minute ECDSA P-256 code-signing certificates with an e-mail SAN and the OIDC issuer extensions.
 * Certificates are built from their ASN.1 with bcprov (the JDK has no certificate builder).
 */
final class TestCa {
    private static final AtomicLong SERIAL = new AtomicLong(1000);

    /** A certificate and its key pair. */
    record Issued(X509Certificate cert, KeyPair keys) {
        /** As dl.k8s.io publishes {@code <file>.cert}: the base64 of the PEM text. */
        byte[] certFile() {
            return Base64.getEncoder().encode(pem().getBytes(StandardCharsets.US_ASCII));
        }

        String pem() {
            try {
                return "-----BEGIN CERTIFICATE-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded())
                        + "\n-----END CERTIFICATE-----\n";
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        /** As dl.k8s.io publishes {@code <file>.sig}: the base64 of the DER ECDSA signature over the bytes, SHA-256. */
        byte[] sign(byte[] data) {
            try {
                Signature s = Signature.getInstance("SHA256withECDSA");
                s.initSign(keys.getPrivate());
                s.update(data);
                return Base64.getEncoder().encode(s.sign());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** What a leaf names: its SAN e-mail, the OIDC issuer in the current (1.8) and deprecated (1.1) extensions, and its key purpose. */
    record Leaf(String email, String issuerV2, String issuerV1, KeyPurposeId purpose) {
        static Leaf kubernetes() {
            return new Leaf("krel-staging@k8s-releng-prod.iam.gserviceaccount.com", "https://accounts.google.com", "https://accounts.google.com",
                    KeyPurposeId.id_kp_codeSigning);
        }
    }

    private TestCa() {}

    static Issued root(String name, Instant notBefore) {
        KeyPair keys = keys("secp384r1");
        return new Issued(build(new X500Name(name), new X500Name(name), keys, keys, notBefore, Duration.ofDays(3650), ca(1)), keys);
    }

    static Issued intermediate(Issued parent, String name, Instant notBefore) {
        KeyPair keys = keys("secp384r1");
        return new Issued(build(subject(parent), new X500Name(name), keys, parent.keys(), notBefore, Duration.ofDays(3000), ca(0)), keys);
    }

    /** A ten-minute signing certificate issued at {@code notBefore}, with an empty subject as Fulcio's. */
    static Issued leaf(Issued parent, Instant notBefore, Leaf leaf) {
        try {
            KeyPair keys = keys("secp256r1");
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            ext.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(leaf.purpose()));
            ext.addExtension(Extension.subjectAlternativeName, true, new GeneralNames(new GeneralName(GeneralName.rfc822Name, leaf.email())));
            if (leaf.issuerV1() != null) {
                ext.addExtension(new ASN1ObjectIdentifier(FulcioCertificate.ISSUER_V1_OID), false, leaf.issuerV1().getBytes(StandardCharsets.UTF_8));
            }
            if (leaf.issuerV2() != null) {
                ext.addExtension(new ASN1ObjectIdentifier(FulcioCertificate.ISSUER_V2_OID), false, new DERUTF8String(leaf.issuerV2()));
            }
            return new Issued(build(subject(parent), new X500Name(new org.bouncycastle.asn1.x500.RDN[0]), keys, parent.keys(), notBefore,
                    Duration.ofMinutes(10), ext), keys);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ExtensionsGenerator ca(int pathLength) {
        try {
            ExtensionsGenerator ext = new ExtensionsGenerator();
            ext.addExtension(Extension.basicConstraints, true, new BasicConstraints(pathLength));
            ext.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return ext;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate build(X500Name issuer, X500Name subject, KeyPair subjectKeys, KeyPair issuerKeys, Instant notBefore,
            Duration validity, ExtensionsGenerator extensions) {
        try {
            AlgorithmIdentifier algorithm = new AlgorithmIdentifier(X9ObjectIdentifiers.ecdsa_with_SHA384);
            V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
            tbs.setSerialNumber(new ASN1Integer(BigInteger.valueOf(SERIAL.incrementAndGet())));
            tbs.setIssuer(issuer);
            tbs.setSubject(subject);
            tbs.setStartDate(new Time(Date.from(notBefore)));
            tbs.setEndDate(new Time(Date.from(notBefore.plus(validity))));
            tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(subjectKeys.getPublic().getEncoded()));
            tbs.setSignature(algorithm);
            tbs.setExtensions(extensions.generate());
            TBSCertificate body = tbs.generateTBSCertificate();
            Signature signer = Signature.getInstance("SHA384withECDSA");
            signer.initSign(issuerKeys.getPrivate());
            signer.update(body.getEncoded(ASN1Encoding.DER));
            ASN1EncodableVector cert = new ASN1EncodableVector();
            cert.add(body);
            cert.add(algorithm);
            cert.add(new DERBitString(signer.sign()));
            byte[] der = new DERSequence(cert).getEncoded(ASN1Encoding.DER);
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X500Name subject(Issued parent) {
        return X500Name.getInstance(parent.cert().getSubjectX500Principal().getEncoded());
    }

    private static KeyPair keys(String curve) {
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
            gen.initialize(new ECGenParameterSpec(curve));
            return gen.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
