package dev.ferry.mirror.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenPgpDetachedCheckTest {
    private static final String URL = "https://vendor.example/tool-1.0.tar.gz";
    private static final byte[] FILE = bytes(300_000);
    private static final Instant SIGNED = TestPgpKey.T0.plus(Duration.ofDays(30));

    private static final TestPgpKey VENDOR = TestPgpKey.builder("Vendor Release <release@vendor.example>")
            .signingSubkey(KeyFlags.SIGN_DATA, true).build();

    @Test
    void armouredSignatureVerifiesAndNamesTheKey() {
        OpenPgpVerified v = check(VENDOR.keyring(), VENDOR.sign(FILE, SIGNED, true), FILE);
        assertEquals(VENDOR.fingerprint(), v.keyFingerprint());
        assertEquals(VENDOR.signerFingerprint(), v.signingKeyFingerprint());
        assertEquals("Vendor Release <release@vendor.example>", v.userId());
        assertEquals(SIGNED, v.signedAt());
        assertEquals("verified (key " + VENDOR.fingerprint() + ")", v.lockValue());
        assertTrue(v.summary().contains("subkey " + VENDOR.signerFingerprint()), v.summary());
    }

    @Test
    void binarySignatureWithBinaryKeyringVerifies() {
        OpenPgpKeyring binary = OpenPgpKeyring.parse(VENDOR.publicBinary(), "vendor.gpg");
        assertEquals(VENDOR.fingerprint(), check(binary, VENDOR.sign(FILE, SIGNED, false), FILE).keyFingerprint());
    }

    @Test
    void streamedInOddChunksAndOverAFileGiveTheSameAnswer(@TempDir Path dir) throws Exception {
        byte[] sig = VENDOR.sign(FILE, SIGNED, true);
        OpenPgpDetachedCheck check = OpenPgpDetachedCheck.start(VENDOR.keyring(), sig, URL);
        Random random = new Random(7);
        for (int at = 0; at < FILE.length;) {
            int n = Math.min(FILE.length - at, 1 + random.nextInt(9000));
            check.update(FILE, at, n);
            at += n;
        }
        OpenPgpVerified streamed = check.finish();
        Path file = Files.write(dir.resolve("tool.tar.gz"), FILE);
        assertEquals(streamed, OpenPgpDetachedCheck.start(VENDOR.keyring(), sig, URL).overFile(file));
        assertThrows(IllegalStateException.class, check::finish, "a check is finished once");
    }

    @Test
    void aSignatureByAnotherKeyIsRefusedBeforeAnyByteNamingTheExpectedKey() {
        TestPgpKey stranger = TestPgpKey.plain("Mallory <m@evil.example>");
        SignatureRefused e = assertThrows(SignatureRefused.class,
                () -> OpenPgpDetachedCheck.start(VENDOR.keyring(), stranger.sign(FILE, SIGNED, true), URL));
        assertEquals(Reason.UNKNOWN_KEY, e.reason());
        assertEquals(URL, e.subject());
        assertTrue(e.getMessage().contains("key " + stranger.fingerprint() + " is not in test keyring"), e.getMessage());
        assertTrue(e.expected().contains(VENDOR.fingerprint() + " (Vendor Release <release@vendor.example>)"), e.expected());
    }

    @Test
    void aTamperedFileIsRefused() {
        byte[] tampered = FILE.clone();
        tampered[123_456] ^= 1;
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> check(VENDOR.keyring(), VENDOR.sign(FILE, SIGNED, true), tampered));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
        assertTrue(e.getMessage().contains("subkey " + VENDOR.signerFingerprint()), e.getMessage());
    }

    @Test
    void aKeyExpiredWhenItSignedIsRefusedButOneExpiredSinceIsNot() {
        TestPgpKey key = TestPgpKey.builder("Short Lived <s@vendor.example>").expiresAfter(Duration.ofDays(365)).build();
        Instant expiry = TestPgpKey.T0.plus(Duration.ofDays(365));
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> check(key.keyring(), key.sign(FILE, expiry.plusSeconds(60), true), FILE));
        assertEquals(Reason.KEY_EXPIRED, e.reason());
        assertTrue(e.getMessage().contains("expired on " + expiry), e.getMessage());
        // Signed while valid: still verified today, two years after the key expired (runc releases outlive key expiry).
        assertEquals(key.fingerprint(), check(key.keyring(), key.sign(FILE, expiry.minusSeconds(60), true), FILE).keyFingerprint());
    }

    @Test
    void anExpiredSigningSubkeyIsRefused() {
        TestPgpKey key = TestPgpKey.builder("Sub <s@vendor.example>").signingSubkey(KeyFlags.SIGN_DATA, true).expiresAfter(Duration.ofDays(10)).build();
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> check(key.keyring(), key.sign(FILE, SIGNED, false), FILE));
        assertEquals(Reason.KEY_EXPIRED, e.reason());
    }

    @Test
    void aSignatureDatedBeforeItsKeyExistedIsRefused() {
        SignatureRefused e = assertThrows(SignatureRefused.class,
                () -> check(VENDOR.keyring(), VENDOR.sign(FILE, TestPgpKey.T0.minus(Duration.ofDays(1)), true), FILE));
        assertEquals(Reason.KEY_EXPIRED, e.reason());
    }

    @Test
    void aCompromisedKeyIsRefusedEvenForSignaturesMadeBeforeTheRevocation() {
        TestPgpKey key = TestPgpKey.builder("Revoked <r@vendor.example>")
                .revoked(SIGNED.plus(Duration.ofDays(5)), RevocationReasonTags.KEY_COMPROMISED, false).build();
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> check(key.keyring(), key.sign(FILE, SIGNED, true), FILE));
        assertEquals(Reason.KEY_REVOKED, e.reason());
        assertTrue(e.getMessage().contains("key compromised: stolen laptop"), e.getMessage());
    }

    @Test
    void aSupersededSubkeyStillVerifiesWhatItSignedBeforeButNothingAfter() {
        Instant revoked = SIGNED.plus(Duration.ofDays(5));
        TestPgpKey key = TestPgpKey.builder("Rotating <r@vendor.example>").signingSubkey(KeyFlags.SIGN_DATA, true)
                .revoked(revoked, RevocationReasonTags.KEY_SUPERSEDED, true).build();
        assertEquals(key.fingerprint(), check(key.keyring(), key.sign(FILE, SIGNED, true), FILE).keyFingerprint());
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> check(key.keyring(), key.sign(FILE, revoked.plusSeconds(1), true), FILE));
        assertEquals(Reason.KEY_REVOKED, e.reason());
        assertTrue(e.getMessage().contains("retired on " + revoked), e.getMessage());
    }

    @Test
    void aSubkeyWithoutSigningCapabilityIsRefused() {
        TestPgpKey key = TestPgpKey.builder("Enc <e@vendor.example>").signingSubkey(KeyFlags.ENCRYPT_COMMS | KeyFlags.ENCRYPT_STORAGE, true).build();
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> check(key.keyring(), key.sign(FILE, SIGNED, true), FILE));
        assertEquals(Reason.KEY_NOT_FOR_SIGNING, e.reason());
        assertTrue(e.getMessage().contains("allow only encryption"), e.getMessage());
    }

    @Test
    void aSigningSubkeyWithoutBackSignatureIsRefused() {
        TestPgpKey key = TestPgpKey.builder("NoBack <n@vendor.example>").signingSubkey(KeyFlags.SIGN_DATA, false).build();
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> check(key.keyring(), key.sign(FILE, SIGNED, true), FILE));
        assertEquals(Reason.KEY_NOT_FOR_SIGNING, e.reason());
        assertTrue(e.getMessage().contains("back-signature"), e.getMessage());
    }

    @Test
    void aSha1SignatureIsRefusedAsWeak() {
        SignatureRefused e = assertThrows(SignatureRefused.class,
                () -> check(VENDOR.keyring(), VENDOR.sign(FILE, SIGNED, true, HashAlgorithmTags.SHA1), FILE));
        assertEquals(Reason.WEAK_ALGORITHM, e.reason());
    }

    @Test
    void aWithdrawnKeyVerifiesOnlyWhatItSignedBeforeTheWithdrawal() {
        Instant withdrawn = SIGNED.plus(Duration.ofDays(1));
        OpenPgpKeyring keyring = VENDOR.keyring().trustedUntil(withdrawn);
        assertEquals(VENDOR.fingerprint(), check(keyring, VENDOR.sign(FILE, SIGNED, true), FILE).keyFingerprint());
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> check(keyring, VENDOR.sign(FILE, withdrawn, true), FILE));
        assertEquals(Reason.KEY_EXPIRED, e.reason());
        assertTrue(e.getMessage().contains("withdrawn"), e.getMessage());
    }

    @Test
    void oneGoodSignatureAmongSeveralIsEnough() {
        TestPgpKey other = TestPgpKey.plain("Other Maintainer <o@vendor.example>");
        byte[] both = concat(TestPgpKey.plain("Unknown <u@x.example>").sign(FILE, SIGNED, false), VENDOR.sign(FILE, SIGNED, false));
        assertEquals(VENDOR.fingerprint(), check(VENDOR.keyring().plus(other.keyring()), both, FILE).keyFingerprint());
    }

    @Test
    void somethingThatIsNotASignatureIsMalformed() {
        SignatureRefused html = assertThrows(SignatureRefused.class,
                () -> OpenPgpDetachedCheck.start(VENDOR.keyring(), "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8), URL));
        assertEquals(Reason.MALFORMED, html.reason());
        SignatureRefused key = assertThrows(SignatureRefused.class, () -> OpenPgpDetachedCheck.start(VENDOR.keyring(), VENDOR.publicArmoured(), URL));
        assertEquals(Reason.MALFORMED, key.reason());
        assertTrue(key.getMessage().contains("not a detached signature"), key.getMessage());
    }

    private static OpenPgpVerified check(OpenPgpKeyring keyring, byte[] signature, byte[] data) {
        OpenPgpDetachedCheck check = OpenPgpDetachedCheck.start(keyring, signature, URL);
        check.update(data, 0, data.length);
        return check.finish();
    }

    static byte[] bytes(int n) {
        byte[] b = new byte[n];
        new Random(42).nextBytes(b);
        return b;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
