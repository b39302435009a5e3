package dev.ferry.image.ssh;

import dev.ferry.error.FerryException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Iterator;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.config.keys.FilePasswordProvider;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.digest.BuiltinDigests;
import org.apache.sshd.common.keyprovider.KeyPairProvider;
import org.apache.sshd.common.util.security.SecurityUtils;

/** SSH keys: reading a private key file (PEM or OpenSSH format; RSA, ECDSA or Ed25519), and generating a temporary one. */
public final class KeyFiles {
    static {
        BouncyCastleEd25519.install();
    }

    private KeyFiles() {}

    public static KeyPair load(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            Iterable<KeyPair> keys = SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName(file.toString()), in,
                    FilePasswordProvider.EMPTY);
            Iterator<KeyPair> it = keys == null ? null : keys.iterator();
            if (it == null || !it.hasNext()) {
                throw FerryException.badInput("no private key found in " + file, "give an unencrypted PEM or OpenSSH private key");
            }
            return it.next();
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (e instanceof FerryException fe) {
                throw fe;
            }
            throw FerryException.badInput("cannot read the private key " + file + ": " + e.getMessage(),
                    "give an unencrypted PEM or OpenSSH private key (passphrase-protected keys are not supported)");
        }
    }

    /**
     * A fresh Ed25519 key for one build. It is made here and only its public half leaves this process (EC2
     * ImportKeyPair takes RSA and Ed25519), so the private key never crosses the network; an RSA-4096 key would
     * cost seconds to generate.
     */
    public static KeyPair generate() {
        try {
            return KeyUtils.generateKeyPair(KeyPairProvider.SSH_ED25519, 256);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate an Ed25519 key: " + e.getMessage(), e);
        }
    }

    /** An RSA key of {@code bits}; smaller ones only for placeholders and tests. */
    public static KeyPair rsa(int bits) {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(bits);
            return g.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code ssh-ed25519 AAAA...}, the OpenSSH public key line EC2 ImportKeyPair takes. */
    public static String openSshPublicKey(KeyPair key) {
        return PublicKeyEntry.toString(key.getPublic());
    }

    /** The key as people compare it: {@code ssh-ed25519 SHA256:...}. */
    public static String describe(KeyPair key) {
        return KeyUtils.getKeyType(key.getPublic()) + " " + KeyUtils.getFingerPrint(BuiltinDigests.sha256, key.getPublic());
    }
}
