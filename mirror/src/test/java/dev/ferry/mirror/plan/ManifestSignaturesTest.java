package dev.ferry.mirror.plan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.error.FerryException;
import dev.ferry.mirror.asset.Asset;
import dev.ferry.mirror.asset.ExpectedHash;
import dev.ferry.mirror.asset.SidecarFormat;
import dev.ferry.mirror.asset.SignedBy;
import dev.ferry.mirror.asset.Signer;
import dev.ferry.mirror.catalog.Catalog;
import dev.ferry.mirror.lock.Lock;
import dev.ferry.mirror.lock.LockFile;
import dev.ferry.mirror.signature.TestPgpKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code signature}, {@code keyring} and {@code checksums} in ferry.yaml: what they become, and what is refused with its line. */
class ManifestSignaturesTest {
    @TempDir
    Path tmp;

    Path manifest(String files) throws Exception {
        Files.createDirectories(tmp.resolve("site/keys"));
        Files.write(tmp.resolve("site/keys/vendor.asc"), TestPgpKey.plain("Vendor <release@vendor.example>").publicArmoured());
        return Files.writeString(tmp.resolve("site/ferry.yaml"), "files:\n" + files);
    }

    Lock plan(Path manifest) {
        Manifest m = Manifest.read(manifest);
        return new Planner(Catalog.builtIn()).plan(new PlanInput(List.of(), Optional.empty(), m.files(), List.of(), Optional.empty(), "t")).lock();
    }

    @Test
    void aDetachedSignatureOfTheFileAndAKeyringRelativeToFerryYaml() throws Exception {
        Asset a = plan(manifest("""
                  - url: https://vendor.example/tool.tar.gz
                    signature: https://vendor.example/tool.tar.gz.asc
                    keyring: keys/vendor.asc
                """)).assets().get(0);
        assertEquals(Optional.of(SignedBy.detached(new Signer.KeyringFile(tmp.resolve("site/keys/vendor.asc")),
                "https://vendor.example/tool.tar.gz.asc")), a.signedBy());
    }

    /** Ubuntu's way: the signature is of SHA256SUMS, where the hash is read too; the lock writes the keyring relative to itself. */
    @Test
    void aSignatureOfAChecksumListRoundTripsThroughTheLock() throws Exception {
        Lock lock = plan(manifest("""
                  - url: https://cloud-images.example/noble/ubuntu.img
                    checksums: https://cloud-images.example/noble/SHA256SUMS
                    signature: https://cloud-images.example/noble/SHA256SUMS.gpg
                    keyring: keys/vendor.asc
                """));
        Asset a = lock.assets().get(0);
        assertEquals(new ExpectedHash.FromSidecar("https://cloud-images.example/noble/SHA256SUMS", SidecarFormat.SUMS,
                dev.ferry.mirror.asset.HashAlgorithm.SHA256), a.hash());
        assertEquals(Optional.of("https://cloud-images.example/noble/SHA256SUMS.gpg"), a.signedBy().orElseThrow().checksumsSignature());

        Path file = tmp.resolve("site/ferry.lock");
        LockFile.write(lock, file);
        String text = Files.readString(file);
        assertTrue(text.contains("    keyring: keys/vendor.asc\n"), text);
        assertEquals(lock, LockFile.read(file));
        Path copy = Files.createDirectories(tmp.resolve("elsewhere")).resolve("ferry.lock");
        LockFile.write(LockFile.read(file), copy);
        assertTrue(Files.readString(copy).contains("    keyring: \"../site/keys/vendor.asc\"\n"), "still the same keyring, from the other folder");
        assertEquals(lock, LockFile.read(copy));
    }

    @Test
    void whatCannotBeCheckedIsRefusedWithItsLine() throws Exception {
        String noKeyring = "  - url: https://v.example/t\n    signature: https://v.example/t.asc\n";
        FerryException e = assertThrows(FerryException.class, () -> Manifest.read(manifest(noKeyring)));
        assertTrue(e.getMessage().matches(".*ferry.yaml:3.*a signature needs the keyring.*"), e.getMessage());

        String noSignature = "  - url: https://v.example/t\n    keyring: keys/vendor.asc\n";
        e = assertThrows(FerryException.class, () -> Manifest.read(manifest(noSignature)));
        assertTrue(e.getMessage().matches(".*ferry.yaml:3.*a keyring needs the signature to check.*"), e.getMessage());

        String missing = "  - url: https://v.example/t\n    signature: https://v.example/t.asc\n    keyring: keys/nobody.asc\n";
        e = assertThrows(FerryException.class, () -> Manifest.read(manifest(missing)));
        assertTrue(e.getMessage().matches(".*ferry.yaml:4.*cannot read keyring.*nobody.asc.*"), e.getMessage());

        String typo = "  - url: https://v.example/t\n    signatur: https://v.example/t.asc\n";
        e = assertThrows(FerryException.class, () -> Manifest.read(manifest(typo)));
        assertTrue(e.getMessage().contains("ferry.yaml:") && e.getMessage().contains("signatur"), e.getMessage());
        assertEquals(FerryException.BAD_USAGE, e.exitCode());
    }
}
