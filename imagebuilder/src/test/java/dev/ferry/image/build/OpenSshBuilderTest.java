package dev.ferry.image.build;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferry.image.fake.FakeEc2;
import dev.ferry.image.fake.OpenSshd;
import dev.ferry.image.ssh.BuilderSsh;
import dev.ferry.image.ssh.KeyFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder is a real OpenSSH sshd whose only host key is Ed25519, as on hardened images and recent distributions. */
class OpenSshBuilderTest {
    private static final String USER = System.getProperty("user.name");
    @TempDir
    Path dir;
    BuildFixture f;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(OpenSshd.unavailable().isEmpty(), () -> "OpenSSH tests skipped: " + OpenSshd.unavailable().orElse(""));
        f = new BuildFixture(dir);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (f != null) {
            f.close();
        }
    }

    private String yaml(OpenSshd sshd) {
        f.ec2.consoleOutput = FakeEc2.consoleWithFingerprints(sshd.fingerprint());
        return f.yaml(f.markerBake(), "", sshd.port()).replace("  user: admin\n", "  user: " + USER + "\n");
    }

    @Test
    void anEd25519OnlyOpenSshBuilderIsBaked() throws Exception {
        try (OpenSshd sshd = new OpenSshd(dir.resolve("sshd"), KeyFiles.openSshPublicKey(BuildFixture.KEY), List.of())) {
            assertEquals(sshd.keygenFingerprint(dir.resolve("sshd")), sshd.fingerprint(), "Ferry and ssh-keygen agree on the fingerprint");
            BuildResult r = f.build(f.config(yaml(sshd)));
            assertTrue(Files.exists(f.out.resolve("baked")), "the bake ran through OpenSSH:\n" + sshd.log());
            assertTrue(r.hostKeyVerified());
            assertEquals(sshd.fingerprint(), r.hostKey().orElseThrow());
            assertTrue(sshd.log().contains("Accepted publickey for " + USER + " from 127.0.0.1")
                    && sshd.log().contains("ED25519 " + KeyFiles.describe(BuildFixture.KEY).split(" ")[1]), sshd.log());
            assertEquals(1, f.ec2.liveImages(BuildFixture.REGION).size());
            f.assertCleanedUp();
        }
    }

    @Test
    void noCommonKeyExchangeFailsAtTheFirstAttemptWithBothLists() throws Exception {
        List<String> old = List.of("KexAlgorithms diffie-hellman-group1-sha1");
        try (OpenSshd sshd = new OpenSshd(dir.resolve("sshd"), KeyFiles.openSshPublicKey(BuildFixture.KEY), old)) {
            BuilderSsh.Refused e = assertThrows(BuilderSsh.Refused.class, () -> f.build(f.config(yaml(sshd))));
            assertTrue(e.getMessage().contains("no kex algorithms in common: the server offers diffie-hellman-group1-sha1"), e.getMessage());
            assertTrue(e.getMessage().contains("; Ferry offers ") && e.getMessage().contains("curve25519-sha256"), e.getMessage());
            String log = sshd.logOnceItHolds("no matching key exchange method found");
            assertEquals(1, count(log, "no matching key exchange method found"), "one attempt, not retried:\n" + log);
            f.assertCleanedUp();
        }
    }

    @Test
    void aRefusedLoginFailsAtTheFirstAttempt() throws Exception {
        String otherKey = Files.readString(SshLoginTest.testKey("ed25519-openssh.pub"));
        try (OpenSshd sshd = new OpenSshd(dir.resolve("sshd"), otherKey, List.of())) {
            BuilderSsh.Refused e = assertThrows(BuilderSsh.Refused.class, () -> f.build(f.config(yaml(sshd))));
            assertTrue(e.getMessage().contains("refused the login as " + USER + " with the key " + KeyFiles.describe(BuildFixture.KEY)),
                    e.getMessage());
            String log = sshd.logOnceItHolds("Connection from 127.0.0.1");
            assertEquals(1, count(log, "Connection from 127.0.0.1"), "one attempt, not retried:\n" + log);
            f.assertCleanedUp();
        }
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }
}
