package dev.ferry.mirror.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.SignatureRefused;
import dev.ferry.error.SignatureRefused.Reason;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ClearSignedFileTest {
    private static final String URL = "https://github.com/opencontainers/runc/releases/download/v9.9.9/runc.sha256sum";
    private static final Instant SIGNED = TestPgpKey.T0.plus(Duration.ofDays(3));
    private static final TestPgpKey MAINTAINER = TestPgpKey.plain("Runc Maintainer <m@runc.example>");
    /** runc's layout, plus a line starting with '-' (dash-escaped when signed) and one with trailing blanks (not signed). */
    private static final String SUMS = """
            a83c0804ebc16826829e7925626c4793da89a9b225bbcc468f2b338ea9f8e8a8  runc.amd64
            3c8fd6f5a5a3d8b6c6a1a5c0d9f3b6e7a1b2c3d4e5f60718293a4b5c6d7e8f90  runc.arm64 \t
            -- a line that starts with a dash
            """;

    @Test
    void theSignedTextComesBackWithItsSigner() {
        ClearSignedText signed = ClearSignedFile.verify(MAINTAINER.keyring(), MAINTAINER.clearSign(SUMS, SIGNED), URL);
        assertEquals(SUMS.replace(" \t\n", "\n"), signed.text(), "dash-escape removed, trailing blanks (which are not signed) dropped");
        assertEquals(MAINTAINER.fingerprint(), signed.verified().keyFingerprint());
        assertEquals(SIGNED, signed.verified().signedAt());
    }

    @Test
    void crlfLineEndsVerifyToo() {
        byte[] crlf = new String(MAINTAINER.clearSign(SUMS, SIGNED), StandardCharsets.UTF_8).replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        assertEquals(SUMS.replace(" \t\n", "\n"), ClearSignedFile.verify(MAINTAINER.keyring(), crlf, URL).text());
    }

    @Test
    void aChangedHashIsRefused() {
        String file = new String(MAINTAINER.clearSign(SUMS, SIGNED), StandardCharsets.UTF_8).replace("a83c0804", "b83c0804");
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> ClearSignedFile.verify(MAINTAINER.keyring(), file.getBytes(StandardCharsets.UTF_8), URL));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
    }

    @Test
    void anAddedLineIsRefused() {
        String file = new String(MAINTAINER.clearSign(SUMS, SIGNED), StandardCharsets.UTF_8)
                .replace("runc.amd64\n", "runc.amd64\n0000000000000000000000000000000000000000000000000000000000000000  evil\n");
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> ClearSignedFile.verify(MAINTAINER.keyring(), file.getBytes(StandardCharsets.UTF_8), URL));
        assertEquals(Reason.BAD_SIGNATURE, e.reason());
    }

    @Test
    void textOutsideTheSignedPartIsRefused() {
        String signed = new String(MAINTAINER.clearSign(SUMS, SIGNED), StandardCharsets.UTF_8);
        String after = signed + "0000000000000000000000000000000000000000000000000000000000000000  runc.amd64\n";
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> ClearSignedFile.verify(MAINTAINER.keyring(), after.getBytes(StandardCharsets.UTF_8), URL));
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("text after the signature"), e.getMessage());
        String before = "0000000000000000000000000000000000000000000000000000000000000000  runc.amd64\n" + signed;
        assertEquals(Reason.MALFORMED, assertThrows(SignatureRefused.class,
                () -> ClearSignedFile.verify(MAINTAINER.keyring(), before.getBytes(StandardCharsets.UTF_8), URL)).reason());
    }

    @Test
    void aPlainSumsFileIsNotClearSigned() {
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> ClearSignedFile.verify(MAINTAINER.keyring(), SUMS.getBytes(StandardCharsets.UTF_8), URL));
        assertEquals(Reason.MALFORMED, e.reason());
        assertTrue(e.getMessage().contains("not a clear-signed file"), e.getMessage());
    }

    @Test
    void signedByAnotherKeyIsRefusedNamingTheExpectedOne() {
        TestPgpKey other = TestPgpKey.plain("Someone Else <else@example.org>");
        SignatureRefused e = assertThrows(SignatureRefused.class, () -> ClearSignedFile.verify(MAINTAINER.keyring(), other.clearSign(SUMS, SIGNED), URL));
        assertEquals(Reason.UNKNOWN_KEY, e.reason());
        assertTrue(e.expected().contains(MAINTAINER.fingerprint() + " (Runc Maintainer <m@runc.example>)"), e.expected());
    }
}
