package dev.ferry.image.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferry.image.fake.FakeBuilder;
import dev.ferry.image.ssh.BuilderSsh;
import dev.ferry.image.ssh.KeyFiles;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.Set;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Logging in to the builder (a MINA SSH server with one host key): Ed25519 host keys and user keys work, and what
 * retrying cannot fix (no common algorithm, a refused login) fails at the first attempt with what both sides offered.
 */
class SshLoginTest {
    @TempDir
    Path dir;

    static Path testKey(String name) throws URISyntaxException {
        return Path.of(SshLoginTest.class.getResource("/keys/" + name).toURI());
    }

    @Test
    void anEd25519OnlyBuilderIsBakedWithAnEd25519TemporaryKey() throws Exception {
        try (BuildFixture f = new BuildFixture(dir, KeyPairProvider.SSH_ED25519)) {
            BuildResult r = f.build(f.config(f.yaml(f.markerBake())), BuildFixture.options().withKeys(KeyFiles::generate));
            assertTrue(Files.exists(f.out.resolve("baked")), "the bake ran on the builder");
            assertTrue(r.hostKeyVerified(), "the Ed25519 host key matched the console fingerprint");
            assertEquals(f.builder.fingerprint(), r.hostKey().orElseThrow());
            String imported = new String(java.util.Base64.getDecoder().decode(
                    f.ec2.calls("ImportKeyPair").get(0).get("PublicKeyMaterial")), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(imported.startsWith("ssh-ed25519 AAAA"), imported);
            assertEquals(1, f.ec2.liveImages(BuildFixture.REGION).size());
            f.assertCleanedUp();
        }
    }

    @Test
    void onlyEd25519ComesFromBouncyCastle() throws Exception {
        KeyFiles.generate();
        assertEquals(Set.of("BC-Ed25519"), SecurityUtils.getRegisteredProviders(), "sshd's own Bouncy Castle registration is not used");
        assertEquals("BC", SecurityUtils.getSignature("Ed25519").getProvider().getName());
        // a shaded jar cannot carry Bouncy Castle's signature: key exchange and ciphers stay with the JDK
        assertEquals("SunJCE", SecurityUtils.getCipher("AES/CTR/NoPadding").getProvider().getName());
        assertEquals("SunEC", SecurityUtils.getKeyAgreement("X25519").getProvider().getName());
        assertFalse(SecurityUtils.getKeyPairGenerator("RSA").getProvider().getName().startsWith("BC"));
    }

    @Test
    void aUsersEd25519KeyFileLogsIn() throws Exception {
        for (String file : new String[] {"ed25519-openssh", "ed25519-pkcs8.pem"}) {
            try (BuildFixture f = new BuildFixture(dir.resolve(file), KeyPairProvider.SSH_ED25519)) {
                Path key = testKey(file);
                KeyPair loaded = KeyFiles.load(key);
                assertTrue(KeyFiles.describe(loaded).startsWith("ssh-ed25519 SHA256:"), file + ": " + KeyFiles.describe(loaded));
                f.ec2.keyMaterial.put("existing-user", KeyFiles.openSshPublicKey(loaded));
                BuildResult r = f.build(f.config(existingKey(f, key)), BuildFixture.options().withKeys(() -> {
                    throw new AssertionError("no key is generated when keyPair is given");
                }));
                assertTrue(Files.exists(f.out.resolve("baked")), file);
                assertTrue(r.hostKeyVerified(), file);
            }
        }
        String pub = Files.readString(testKey("ed25519-openssh.pub"));
        assertTrue(FakeBuilder.sameKey(pub, KeyFiles.openSshPublicKey(KeyFiles.load(testKey("ed25519-openssh")))),
                "the OpenSSH key file's public half is the one ssh-keygen wrote");
    }

    @Test
    void noCommonHostKeyAlgorithmFailsAtTheFirstAttemptWithBothLists() throws Exception {
        try (BuildFixture f = new BuildFixture(dir, KeyPairProvider.SSH_DSS)) {
            BuilderSsh.Refused e = assertThrows(BuilderSsh.Refused.class, () -> f.buildMarkerBake());
            assertTrue(e.getMessage().startsWith("the key exchange with builder 127.0.0.1:" + f.builder.port() + " failed: "
                    + "no server host key algorithms in common: the server offers ssh-dss; Ferry offers "), e.getMessage());
            assertTrue(e.getMessage().contains("ssh-ed25519,") && e.getMessage().contains("rsa-sha2-512"), e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("OpenSSH"), e.hint().orElseThrow());
            assertEquals(1, f.builder.sessions.get(), "not retried for waits.ssh (20s here)");
            assertTrue(f.ec2.calls("CreateImage").isEmpty());
            f.assertCleanedUp();
        }
    }

    @Test
    void aRefusedLoginFailsAtTheFirstAttemptNamingUserAndKey() throws Exception {
        try (BuildFixture f = new BuildFixture(dir, KeyPairProvider.SSH_ED25519)) {
            Path key = testKey("ed25519-openssh"); // not the key pair the builder installed
            BuilderSsh.Refused e = assertThrows(BuilderSsh.Refused.class, () -> f.build(f.config(existingKey(f, key))));
            assertEquals("builder 127.0.0.1:" + f.builder.port() + " refused the login as admin with the key "
                    + KeyFiles.describe(KeyFiles.load(key)) + " (Ferry offers public-key authentication only)", e.getMessage());
            assertTrue(e.hint().orElseThrow().contains("ssh.user"), e.hint().orElseThrow());
            assertEquals(1, f.builder.sessions.get(), "not retried");
            assertTrue(f.builder.commandLog.isEmpty());
            f.assertCleanedUp();
        }
    }

    private static String existingKey(BuildFixture f, Path key) {
        return f.yaml(f.markerBake()).replace("  sshFrom: 10.0.0.0/16\n",
                "  sshFrom: 10.0.0.0/16\n  keyPair: existing-user\n  privateKeyFile: " + key + "\n");
    }
}
