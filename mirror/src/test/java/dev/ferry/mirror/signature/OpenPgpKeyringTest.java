package dev.ferry.mirror.signature;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.BadInput;
import dev.ferry.error.FerryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OpenPgpKeyringTest {
    private static final TestPgpKey ALICE = TestPgpKey.plain("Alice <alice@vendor.example>");
    private static final TestPgpKey BOB = TestPgpKey.plain("Bob <bob@vendor.example>");

    @Test
    void armouredBlocksWithTextAroundThemAreAllRead(@TempDir Path dir) throws Exception {
        String text = "Alice's key, fetched from her site:\n" + new String(ALICE.publicArmoured(), StandardCharsets.US_ASCII)
                + "\n\nand Bob's:\n\n" + new String(BOB.publicArmoured(), StandardCharsets.US_ASCII) + "\n";
        OpenPgpKeyring keyring = OpenPgpKeyring.read(Files.writeString(dir.resolve("vendor.asc"), text));
        assertEquals(List.of(ALICE.fingerprint(), BOB.fingerprint()), keyring.keys().stream().map(KeyringKey::fingerprint).toList());
        assertEquals(List.of("Alice <alice@vendor.example>"), keyring.keys().get(0).userIds());
        assertEquals(dir.resolve("vendor.asc").toString(), keyring.source());
    }

    @Test
    void binaryKeyringsConcatenatedAreRead() {
        byte[] a = ALICE.publicBinary();
        byte[] b = BOB.publicBinary();
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        assertEquals(2, OpenPgpKeyring.parse(both, "vendor.gpg").keys().size());
    }

    @Test
    void whatIsNotAPublicKeyringIsBadInputNamingTheFile(@TempDir Path dir) {
        BadInput html = assertThrows(BadInput.class, () -> OpenPgpKeyring.parse("<html>404</html>".getBytes(StandardCharsets.UTF_8), "keys/vendor.asc"));
        assertTrue(html.getMessage().startsWith("keys/vendor.asc holds no OpenPGP public key"), html.getMessage());
        assertEquals(FerryException.BAD_USAGE, html.exitCode());
        String cut = new String(ALICE.publicArmoured(), StandardCharsets.US_ASCII);
        BadInput truncated = assertThrows(BadInput.class,
                () -> OpenPgpKeyring.parse(cut.substring(0, cut.length() / 2).getBytes(StandardCharsets.US_ASCII), "keys/cut.asc"));
        assertTrue(truncated.getMessage().contains("keys/cut.asc"), truncated.getMessage());
        BadInput missing = assertThrows(BadInput.class, () -> OpenPgpKeyring.read(dir.resolve("absent.asc")));
        assertTrue(missing.getMessage().contains("absent.asc"), missing.getMessage());
    }

    @Test
    void aDamagedKeyBlockIsRefused() {
        String armoured = new String(ALICE.publicArmoured(), StandardCharsets.US_ASCII);
        int body = armoured.indexOf("\n\n") + 10;
        String damaged = armoured.substring(0, body) + (armoured.charAt(body) == 'A' ? 'B' : 'A') + armoured.substring(body + 1);
        assertThrows(BadInput.class, () -> OpenPgpKeyring.parse(damaged.getBytes(StandardCharsets.US_ASCII), "keys/damaged.asc"));
    }
}
