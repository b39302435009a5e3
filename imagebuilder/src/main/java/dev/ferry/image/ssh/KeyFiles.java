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
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.util.security.SecurityUtils;

/** SSH keys: reading a private key file (PEM or OpenSSH format), and generating a temporary one. */
public final class KeyFiles {
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
     * A fresh RSA key for one build. Only its public half leaves this process (EC2 ImportKeyPair), and EC2 accepts
     * RSA and ed25519 there; RSA needs no extra provider.
     */
    public static KeyPair generate() {
        return rsa(4096);
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

    /** {@code ssh-rsa AAAA...}, the OpenSSH public key line EC2 ImportKeyPair takes. */
    public static String openSshPublicKey(KeyPair key) {
        return PublicKeyEntry.toString(key.getPublic());
    }
}
