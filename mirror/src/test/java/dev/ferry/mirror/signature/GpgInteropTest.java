package dev.ferry.mirror.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GnuPG as an independent signer (Ferry must verify what gpg signs) and checker (gpg must accept what Ferry's tests sign). */
class GpgInteropTest {
    private static final String SIGNER = "Gpg Release Signer <release@gpg.example>";
    private static final String SUMS = "a83c0804ebc16826829e7925626c4793da89a9b225bbcc468f2b338ea9f8e8a8  runc.amd64\n"
            + "-dash-led line  and trailing blanks   \n";

    @TempDir
    static Path dir;
    private static Gpg gpg;
    private static OpenPgpKeyring keyring;
    private static Path file;

    @BeforeAll
    static void makeAKeyWithASigningSubkeyAsRuncMaintainersDo() throws Exception {
        Assumptions.assumeTrue(Gpg.installed(), "gpg not installed (apt-get install gnupg): skipping the GnuPG interoperability checks");
        gpg = new Gpg(dir.resolve("gnupg"));
        gpg.run("--quick-gen-key", SIGNER, "ed25519", "cert", "never");
        gpg.run("--quick-add-key", gpg.fingerprint(SIGNER), "ed25519", "sign", "never");
        keyring = OpenPgpKeyring.parse(gpg.run("--armor", "--export", SIGNER).getBytes(StandardCharsets.US_ASCII), "gpg-exported.asc");
        file = Files.write(dir.resolve("runc.amd64"), OpenPgpDetachedCheckTest.bytes(200_000));
    }

    @AfterAll
    static void stopTheAgent() throws Exception {
        if (gpg != null) {
            gpg.close();
        }
    }

    @Test
    void gpgDetachedArmouredAndBinarySignaturesVerify() throws Exception {
        gpg.run("--armor", "--detach-sign", "-o", dir.resolve("runc.amd64.asc").toString(), file.toString());
        gpg.run("--detach-sign", "-o", dir.resolve("runc.amd64.sig").toString(), file.toString());
        for (String sig : new String[] {"runc.amd64.asc", "runc.amd64.sig"}) {
            OpenPgpVerified v = OpenPgpDetachedCheck.start(keyring, Files.readAllBytes(dir.resolve(sig)), sig).overFile(file);
            assertEquals(gpg.fingerprint(SIGNER), v.keyFingerprint(), sig);
            assertEquals(SIGNER, v.userId());
            assertTrue(!v.signingKeyFingerprint().equals(v.keyFingerprint()), "gpg signed with the subkey");
        }
    }

    @Test
    void aGpgSignatureOverATamperedFileIsRefused() throws Exception {
        Path copy = Files.copy(file, dir.resolve("tampered.bin"));
        gpg.run("--detach-sign", "-o", dir.resolve("tampered.bin.sig").toString(), copy.toString());
        byte[] bytes = Files.readAllBytes(copy);
        bytes[bytes.length - 1] ^= 0x01;
        Files.write(copy, bytes);
        SignatureRefused e = assertThrows(SignatureRefused.class,
                () -> OpenPgpDetachedCheck.start(keyring, Files.readAllBytes(dir.resolve("tampered.bin.sig")), "tampered.bin").overFile(copy));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
        assertEquals(1, gpg.tryRun("--verify", dir.resolve("tampered.bin.sig").toString(), copy.toString()).exitCode(), "gpg agrees");
    }

    @Test
    void aGpgClearSignedSumsFileVerifiesAndOnlyItsTextComesBack() throws Exception {
        Path sums = Files.writeString(dir.resolve("runc.sha256sum"), SUMS);
        gpg.run("--clearsign", "-o", dir.resolve("runc.sha256sum.asc").toString(), sums.toString());
        byte[] clearSigned = Files.readAllBytes(dir.resolve("runc.sha256sum.asc"));
        ClearSignedText signed = ClearSignedFile.verify(keyring, clearSigned, "runc.sha256sum");
        assertEquals(SUMS.replace("blanks   \n", "blanks\n"), signed.text());
        assertEquals(gpg.fingerprint(SIGNER), signed.verified().keyFingerprint());
    }

    @Test
    void gpgAcceptsWhatTheTestsSign() throws Exception {
        TestPgpKey key = TestPgpKey.plain("Bouncy Signer <bc@test.example>");
        Files.write(dir.resolve("bc.asc"), key.publicArmoured());
        gpg.run("--import", dir.resolve("bc.asc").toString());
        byte[] data = Files.readAllBytes(file);
        Files.write(dir.resolve("bc-detached.asc"), key.sign(data, Instant.now().minusSeconds(60), true));
        String detached = gpg.run("--verify", dir.resolve("bc-detached.asc").toString(), file.toString());
        assertTrue(detached.contains("Good signature from \"Bouncy Signer <bc@test.example>\""), detached);
        Files.write(dir.resolve("bc-sums.asc"), key.clearSign(SUMS, Instant.now().minusSeconds(60)));
        String clear = gpg.run("--verify", dir.resolve("bc-sums.asc").toString());
        assertTrue(clear.contains("Good signature"), "gpg accepts the tests' clear-signing, so ClearSignedFileTest's files are real: " + clear);
    }

    @Test
    void aRevokedGpgKeyIsRefused() throws Exception {
        String uid = "Revoked Signer <revoked@gpg.example>";
        gpg.run("--quick-gen-key", uid, "ed25519", "sign", "never");
        String fpr = gpg.fingerprint(uid);
        gpg.run("--detach-sign", "-u", fpr, "-o", dir.resolve("by-revoked.sig").toString(), file.toString());
        // gpg keeps a revocation certificate for each key it makes, with a ':' so it is not imported by accident.
        String certificate = Files.readString(gpg.home().resolve("openpgp-revocs.d").resolve(fpr + ".rev")).replace(":-----BEGIN", "-----BEGIN");
        gpg.run("--import", Files.writeString(dir.resolve("revocation.asc"), certificate).toString());
        OpenPgpKeyring revoked = OpenPgpKeyring.parse(gpg.run("--armor", "--export", fpr).getBytes(StandardCharsets.US_ASCII), "revoked.asc");
        SignatureRefused e = assertThrows(SignatureRefused.class,
                () -> OpenPgpDetachedCheck.start(revoked, Files.readAllBytes(dir.resolve("by-revoked.sig")), "by-revoked"));
        assertEquals(Reason.KEY_REVOKED, e.reason());
        assertTrue(e.getMessage().contains("which invalidates all its signatures"), e.getMessage());
    }

    @Test
    void aGpgKeyThatExpiredAfterSigningStillVerifies() throws Exception {
        String uid = "Expired Signer <expired@gpg.example>";
        gpg.run("--faked-system-time", "20200101T000000!", "--quick-gen-key", uid, "ed25519", "sign", "1y");
        gpg.run("--faked-system-time", "20200601T000000!", "--detach-sign", "-u", uid, "-o", dir.resolve("by-expired.sig").toString(), file.toString());
        OpenPgpKeyring expired = OpenPgpKeyring.parse(gpg.run("--armor", "--export", uid).getBytes(StandardCharsets.US_ASCII), "expired.asc");
        OpenPgpVerified v = OpenPgpDetachedCheck.start(expired, Files.readAllBytes(dir.resolve("by-expired.sig")), "by-expired").overFile(file);
        assertEquals(Instant.parse("2020-06-01T00:00:00Z"), v.signedAt());
    }

    @Test
    void anExportedSecretKeyIsNotAKeyring() throws Exception {
        byte[] secret = gpg.run("--armor", "--export-secret-keys", SIGNER).getBytes(StandardCharsets.US_ASCII);
        BadInput e = assertThrows(BadInput.class, () -> OpenPgpKeyring.parse(secret, "keys/secret.asc"));
        assertTrue(e.getMessage().startsWith("keys/secret.asc holds a secret key"), e.getMessage());
    }
}
