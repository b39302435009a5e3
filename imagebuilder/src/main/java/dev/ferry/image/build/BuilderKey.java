package dev.ferry.image.build;

import dev.ferry.image.config.KeyChoice;
import dev.ferry.image.ssh.KeyFiles;
import java.security.KeyPair;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.ec2.model.ResourceType;

/**
 * Step: the key the builder is reached with. Either the user's (image.yaml names a key pair and its private key
 * file) or a temporary Ed25519 key made here and imported: its private half never crosses the network, and a lost
 * ImportKeyPair answer loses nothing.
 */
final class BuilderKey {
    private BuilderKey() {}

    /** Private key files are read before anything is launched, so a wrong path costs no builder. */
    static void preflight(BuildContext b) {
        if (b.cfg().key() instanceof KeyChoice.Existing existing) {
            KeyFiles.load(existing.privateKeyFile());
        }
        b.cfg().ssh().bastion().flatMap(bastion -> bastion.privateKeyFile()).ifPresent(KeyFiles::load);
    }

    static KeyPair run(BuildContext b) {
        if (b.cfg().key() instanceof KeyChoice.Existing existing) {
            return KeyFiles.load(existing.privateKeyFile());
        }
        KeyPair key = b.options().keys().get();
        String keyName = b.buildId();
        SdkBytes material = SdkBytes.fromUtf8String(KeyFiles.openSshPublicKey(key));
        b.tagging().create(b.ec2(), "ImportKeyPair",
                specs -> b.ec2().client().importKeyPair(r -> r.keyName(keyName).publicKeyMaterial(material).tagSpecifications(specs)).keyPairId(),
                List.of(ResourceType.KEY_PAIR), b.resourceTags());
        b.resources().temporaryKeyName = Optional.of(keyName);
        b.progress().info("imported the temporary key pair " + keyName);
        return key;
    }

    /** The EC2 key pair name RunInstances is given. */
    static String name(BuildContext b) {
        return b.cfg().key() instanceof KeyChoice.Existing e ? e.keyName() : b.buildId();
    }
}
