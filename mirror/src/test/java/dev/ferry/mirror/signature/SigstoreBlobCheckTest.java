package dev.ferry.mirror.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import dev.ferry.mirror.signature.TestCa.Issued;
import dev.ferry.mirror.signature.TestCa.Leaf;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.junit.jupiter.api.Test;

/** The sigstore path with a Fulcio-shaped CA made here: chain, identity and issuer checked, then the bytes. */
class SigstoreBlobCheckTest {
    private static final String URL = "https://dl.k8s.io/release/v1.33.0/bin/linux/amd64/kubectl";
    private static final byte[] FILE = OpenPgpDetachedCheckTest.bytes(250_000);
    private static final Instant ROOT_FROM = Instant.parse("2021-10-07T13:56:59Z");
    private static final Instant INTERMEDIATE_FROM = Instant.parse("2022-04-13T20:06:15Z");
    /** Issued years ago and valid ten minutes: only validating at its notBefore can accept it. */
    private static final Instant SIGNED = Instant.parse("2025-04-23T09:12:00Z");

    private static final Issued ROOT = TestCa.root("O=sigstore.dev,CN=sigstore", ROOT_FROM);
    private static final Issued INTERMEDIATE = TestCa.intermediate(ROOT, "O=sigstore.dev,CN=sigstore-intermediate", INTERMEDIATE_FROM);
    private static final FulcioRoots ROOTS = FulcioRoots.of(List.of(ROOT.cert()), List.of(INTERMEDIATE.cert()), "the test Fulcio root");
    private static final SigstoreIdentity KUBERNETES = UpstreamSigners.kubernetesRelease();

    @Test
    void aKubernetesSignatureVerifiesAndSaysTheSigningTimeIsNotProven() {
        Issued leaf = TestCa.leaf(INTERMEDIATE, SIGNED, Leaf.kubernetes());
        SigstoreVerified v = verify(leaf.sign(FILE), leaf.certFile(), FILE);
        assertEquals("krel-staging@k8s-releng-prod.iam.gserviceaccount.com", v.identity());
        assertEquals("https://accounts.google.com", v.issuer());
        assertEquals(SIGNED, v.certificateNotBefore());
        assertEquals(SIGNED.plus(Duration.ofMinutes(10)), v.certificateNotAfter());
        assertFalse(v.signingTimeProven());
        assertTrue(v.summary().startsWith("signature and identity verified: krel-staging@k8s-releng-prod.iam.gserviceaccount.com"), v.summary());
        assertTrue(v.summary().endsWith("signing time not proven (no transparency log entry checked)"), v.summary());
        assertEquals("verified (sigstore krel-staging@k8s-releng-prod.iam.gserviceaccount.com; signing time not proven)", v.lockValue());
    }

    @Test
    void plainPemCertificateRawDerSignatureAndTheImageSignerAreAccepted() {
        Issued leaf = TestCa.leaf(INTERMEDIATE, SIGNED, new Leaf("krel-trust@k8s-releng-prod.iam.gserviceaccount.com",
                "https://accounts.google.com", null, KeyPurposeId.id_kp_codeSigning));
        byte[] derSignature = Base64.getDecoder().decode(leaf.sign(FILE));
        assertEquals("krel-trust@k8s-releng-prod.iam.gserviceaccount.com",
                verify(derSignature, leaf.pem().getBytes(StandardCharsets.US_ASCII), FILE).identity());
    }

    @Test
    void aCertificateWithOnlyTheDeprecatedIssuerExtensionIsRead() {
        Issued leaf = TestCa.leaf(INTERMEDIATE, SIGNED, new Leaf("krel-staging@k8s-releng-prod.iam.gserviceaccount.com", null,
                "https://accounts.google.com", KeyPurposeId.id_kp_codeSigning));
        assertEquals("https://accounts.google.com", verify(leaf.sign(FILE), leaf.certFile(), FILE).issuer());
    }

    @Test
    void anotherIdentityIsRefusedBeforeAnyByteNamingBoth() {
        Issued leaf = TestCa.leaf(INTERMEDIATE, SIGNED, new Leaf("attacker@evil.example", "https://accounts.google.com",
                "https://accounts.google.com", KeyPurposeId.id_kp_codeSigning));
        SignatureRefused e = refused(leaf.sign(FILE), leaf.certFile());
        assertEquals(Reason.WRONG_IDENTITY, e.reason());
        assertTrue(e.getMessage().contains("the certificate is for attacker@evil.example"), e.getMessage());
        assertTrue(e.expected().contains("krel-staging@k8s-releng-prod.iam.gserviceaccount.com"), e.expected());
    }

    @Test
    void anotherIssuerIsRefused() {
        Issued github = TestCa.leaf(INTERMEDIATE, SIGNED, new Leaf("krel-staging@k8s-releng-prod.iam.gserviceaccount.com",
                "https://token.actions.githubusercontent.com", "https://token.actions.githubusercontent.com", KeyPurposeId.id_kp_codeSigning));
        SignatureRefused e = refused(github.sign(FILE), github.certFile());
        assertEquals(Reason.WRONG_ISSUER, e.reason());
        assertTrue(e.getMessage().contains("https://token.actions.githubusercontent.com"), e.getMessage());
        Issued disagreeing = TestCa.leaf(INTERMEDIATE, SIGNED, new Leaf("krel-staging@k8s-releng-prod.iam.gserviceaccount.com",
                "https://accounts.google.com", "https://token.actions.githubusercontent.com", KeyPurposeId.id_kp_codeSigning));
        assertEquals(Reason.WRONG_ISSUER, refused(disagreeing.sign(FILE), disagreeing.certFile()).reason());
        Issued none = TestCa.leaf(INTERMEDIATE, SIGNED, new Leaf("krel-staging@k8s-releng-prod.iam.gserviceaccount.com", null, null,
                KeyPurposeId.id_kp_codeSigning));
        assertEquals(Reason.WRONG_ISSUER, refused(none.sign(FILE), none.certFile()).reason());
    }

    @Test
    void aCertificateFromAnotherCaWithTheSameNamesIsUntrusted() {
        Issued otherRoot = TestCa.root("O=sigstore.dev,CN=sigstore", ROOT_FROM);
        Issued otherIntermediate = TestCa.intermediate(otherRoot, "O=sigstore.dev,CN=sigstore-intermediate", INTERMEDIATE_FROM);
        Issued leaf = TestCa.leaf(otherIntermediate, SIGNED, Leaf.kubernetes());
        SignatureRefused e = refused(leaf.sign(FILE), leaf.certFile());
        assertEquals(Reason.UNTRUSTED_CERTIFICATE, e.reason());
        assertTrue(e.getMessage().contains("does not chain to the test Fulcio root"), e.getMessage());
    }

    @Test
    void aCertificateClaimingTimeBeforeItsIntermediateExistedIsUntrusted() {
        Issued leaf = TestCa.leaf(INTERMEDIATE, INTERMEDIATE_FROM.minus(Duration.ofDays(1)), Leaf.kubernetes());
        assertEquals(Reason.UNTRUSTED_CERTIFICATE, refused(leaf.sign(FILE), leaf.certFile()).reason());
    }

    @Test
    void aCertificateNotForCodeSigningIsUntrusted() {
        Issued tls = TestCa.leaf(INTERMEDIATE, SIGNED, new Leaf("krel-staging@k8s-releng-prod.iam.gserviceaccount.com",
                "https://accounts.google.com", null, KeyPurposeId.id_kp_serverAuth));
        SignatureRefused e = refused(tls.sign(FILE), tls.certFile());
        assertEquals(Reason.UNTRUSTED_CERTIFICATE, e.reason());
        assertTrue(e.getMessage().contains("not a code-signing certificate"), e.getMessage());
    }

    @Test
    void tamperedBytesAreRefused() {
        Issued leaf = TestCa.leaf(INTERMEDIATE, SIGNED, Leaf.kubernetes());
        byte[] tampered = FILE.clone();
        tampered[0] ^= 0x40;
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> verify(leaf.sign(FILE), leaf.certFile(), tampered));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
    }

    @Test
    void aSignatureByAnotherKeyUnderTheRightCertificateIsRefused() {
        Issued leaf = TestCa.leaf(INTERMEDIATE, SIGNED, Leaf.kubernetes());
        Issued other = TestCa.leaf(INTERMEDIATE, SIGNED, Leaf.kubernetes());
        assertEquals(Reason.BAD_SIGNATURE, assertThrows(SignatureRefused.class, () -> verify(other.sign(FILE), leaf.certFile(), FILE)).reason());
    }

    @Test
    void filesThatAreNotASignatureOrCertificateAreMalformed() {
        Issued leaf = TestCa.leaf(INTERMEDIATE, SIGNED, Leaf.kubernetes());
        byte[] html = "<html>404</html>".getBytes(StandardCharsets.US_ASCII);
        assertEquals(Reason.MALFORMED, refused(html, leaf.certFile()).reason());
        assertEquals(Reason.MALFORMED, refused(leaf.sign(FILE), html).reason());
    }

    @Test
    void aRealFulcioCertificateChainsToTheShippedRootAndIsRefusedAsAnotherSigner() {
        byte[] real = RuncKeyringTest.resource("fulcio-leaf-sigstore-js.pem");
        Issued leaf = TestCa.leaf(INTERMEDIATE, SIGNED, Leaf.kubernetes());
        SignatureRefused e = assertThrows(SignatureRefused.class,
                () -> SigstoreBlobCheck.start(UpstreamSigners.fulcio(), KUBERNETES, leaf.sign(FILE), real, URL));
        // Past the chain (validated at its notBefore, 2023-04-18T17:45:11Z, against the shipped root): refused on identity.
        assertEquals(Reason.WRONG_IDENTITY, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("https://github.com/sigstore/sigstore-js/.github/workflows/release.yml@refs/heads/main"), e.getMessage());
        // The same certificate against the test CA does not chain.
        assertEquals(Reason.UNTRUSTED_CERTIFICATE, assertThrows(SignatureRefused.class,
                () -> SigstoreBlobCheck.start(ROOTS, KUBERNETES, leaf.sign(FILE), real, URL)).reason());
    }

    /** ECDSA signs the SHA-256 of the bytes: checked over that digest, the signature says what it says over the bytes. */
    @Test
    void theFilesSha256StandsForItsBytes() throws Exception {
        Issued leaf = TestCa.leaf(INTERMEDIATE, SIGNED, Leaf.kubernetes());
        byte[] signature = leaf.sign(FILE);
        byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(FILE);
        SigstoreVerified overDigest = SigstoreBlobCheck.start(ROOTS, KUBERNETES, signature, leaf.certFile(), URL).finishWithSha256(digest);
        assertEquals(verify(signature, leaf.certFile(), FILE), overDigest);

        byte[] other = java.security.MessageDigest.getInstance("SHA-256").digest("other bytes".getBytes(StandardCharsets.US_ASCII));
        SignatureRefused e = assertThrows(SignatureRefused.class,
                () -> SigstoreBlobCheck.start(ROOTS, KUBERNETES, signature, leaf.certFile(), URL).finishWithSha256(other));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
        assertThrows(IllegalArgumentException.class,
                () -> SigstoreBlobCheck.start(ROOTS, KUBERNETES, signature, leaf.certFile(), URL).finishWithSha256(new byte[20]));
    }

    private static SigstoreVerified verify(byte[] signature, byte[] certificate, byte[] data) {
        SigstoreBlobCheck check = SigstoreBlobCheck.start(ROOTS, KUBERNETES, signature, certificate, URL);
        check.update(data, 0, data.length);
        return check.finish();
    }

    private static SignatureRefused refused(byte[] signature, byte[] certificate) {
        return assertThrows(SignatureRefused.class, () -> SigstoreBlobCheck.start(ROOTS, KUBERNETES, signature, certificate, URL));
    }
}
