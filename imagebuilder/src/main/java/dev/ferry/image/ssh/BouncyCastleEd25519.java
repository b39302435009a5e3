package dev.ferry.image.ssh;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.Provider;
import java.security.Signature;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.apache.sshd.common.util.security.AbstractSecurityProviderRegistrar;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.apache.sshd.common.util.security.eddsa.bouncycastle.BouncyCastleEdDSASupport;
import org.apache.sshd.common.util.security.eddsa.generic.EdDSASupport;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * Gives sshd-core its Ed25519 support (host keys, the temporary key, a user's key file) from Bouncy Castle, the
 * EdDSA provider sshd-core 2.20 documents, and nothing else. sshd's own Bouncy Castle registration would take over
 * every algorithm it can (key agreement, digests, RSA and ECDSA signatures); in a shaded jar, which cannot carry
 * Bouncy Castle's jar signature, a JDK that authenticates JCE providers then refuses its key agreement and no SSH
 * connection works at all. Ciphers, MACs and key exchange therefore stay with the JDK's own providers.
 */
public final class BouncyCastleEd25519 extends AbstractSecurityProviderRegistrar {
    /** sshd reads its registrar list from this property once, at the first key or cipher it needs. */
    static final String REGISTRARS_PROPERTY = "org.apache.sshd.security.registrars";
    private static final Set<String> ALGORITHMS = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
    private static final Provider PROVIDER = new BouncyCastleProvider();

    static {
        ALGORITHMS.addAll(Set.of(SecurityUtils.EDDSA, SecurityUtils.ED25519));
    }

    /** Public, without arguments: sshd instantiates registrars by class name. */
    public BouncyCastleEd25519() {
        super("BC-Ed25519");
    }

    /**
     * Makes this the only registrar sshd uses, unless the JVM was started with its own list. Called before any SSH
     * object is made (the classes that make keys and connections call it when they load).
     */
    public static synchronized void install() {
        if (SecurityUtils.isRegistrationCompleted()) {
            SecurityUtils.registerSecurityProvider(new BouncyCastleEd25519());
        } else if (System.getProperty(REGISTRARS_PROPERTY) == null) {
            System.setProperty(REGISTRARS_PROPERTY, BouncyCastleEd25519.class.getName());
        }
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public boolean isSupported() {
        return true;
    }

    @Override
    public String getProviderName() {
        return PROVIDER.getName();
    }

    /** The provider instance is used directly: nothing is added to the JVM's provider list. */
    @Override
    public boolean isNamedProviderUsed() {
        return false;
    }

    @Override
    public Provider getSecurityProvider() {
        return PROVIDER;
    }

    @Override
    public boolean isSecurityEntitySupported(Class<?> entityType, String name) {
        boolean keysOrSignatures = KeyPairGenerator.class.isAssignableFrom(entityType) || KeyFactory.class.isAssignableFrom(entityType)
                || Signature.class.isAssignableFrom(entityType);
        return keysOrSignatures && name != null && ALGORITHMS.contains(name);
    }

    @Override
    public Optional<EdDSASupport<?, ?>> getEdDSASupport() {
        return Optional.of(new BouncyCastleEdDSASupport());
    }
}
