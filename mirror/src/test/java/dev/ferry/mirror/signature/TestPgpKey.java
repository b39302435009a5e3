package dev.ferry.mirror.signature;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.bcpg.ArmoredOutputStream;
import org.bouncycastle.bcpg.HashAlgorithmTags;
import org.bouncycastle.bcpg.PublicKeyPacket;
import org.bouncycastle.bcpg.sig.KeyFlags;
import org.bouncycastle.bcpg.sig.RevocationReasonTags;
import org.bouncycastle.openpgp.PGPException;
import org.bouncycastle.openpgp.PGPKeyPair;
import org.bouncycastle.openpgp.PGPPublicKey;
import org.bouncycastle.openpgp.PGPPublicKeyRing;
import org.bouncycastle.openpgp.PGPSignature;
import org.bouncycastle.openpgp.PGPSignatureGenerator;
import org.bouncycastle.openpgp.PGPSignatureSubpacketGenerator;
import org.bouncycastle.openpgp.operator.bc.BcKeyFingerprintCalculator;
import org.bouncycastle.openpgp.operator.bc.BcPGPContentSignerBuilder;
import org.bouncycastle.openpgp.operator.bc.BcPGPKeyPairGeneratorProvider;

/**
 * An OpenPGP key the tests make with Bouncy Castle (Ed25519, as gpg makes them), with the times and states a
 * test needs: created in the past, expiring, revoked, a signing subkey with or without the right flags.
 */
public record TestPgpKey(PGPKeyPair primary, PGPKeyPair signer, PGPPublicKeyRing ring) {
    public static final Instant T0 = Instant.parse("2024-01-01T00:00:00Z");

    static Builder builder(String userId) {
        return new Builder(userId);
    }

    /** A plain key that signs with its primary key, created at {@link #T0}, never expiring. */
    public static TestPgpKey plain(String userId) {
        return builder(userId).build();
    }

    static final class Builder {
        private final String userId;
        private Instant created = T0;
        private Duration expiresAfter = Duration.ZERO;
        private boolean signingSubkey;
        private int subkeyFlags = KeyFlags.SIGN_DATA;
        private boolean backSignature = true;
        private Instant revokedAt;
        private byte revocationReason;
        private boolean revokeSubkey;

        private Builder(String userId) {
            this.userId = userId;
        }

        Builder created(Instant at) {
            created = at;
            return this;
        }

        /** The key (and its subkey) expire this long after creation. */
        Builder expiresAfter(Duration after) {
            expiresAfter = after;
            return this;
        }

        /** Sign with a subkey bound by the primary key (as runc's maintainers do), with these key flags. */
        Builder signingSubkey(int flags, boolean withBackSignature) {
            signingSubkey = true;
            subkeyFlags = flags;
            backSignature = withBackSignature;
            return this;
        }

        /** A revocation of the primary key (or of the signing subkey) at {@code at}, for {@code reason} (RevocationReasonTags). */
        Builder revoked(Instant at, byte reason, boolean subkeyOnly) {
            revokedAt = at;
            revocationReason = reason;
            revokeSubkey = subkeyOnly;
            return this;
        }

        TestPgpKey build() {
            try {
                return buildChecked();
            } catch (PGPException | IOException e) {
                throw new IllegalStateException(e);
            }
        }

        private TestPgpKey buildChecked() throws PGPException, IOException {
            BcPGPKeyPairGeneratorProvider keys = new BcPGPKeyPairGeneratorProvider();
            PGPKeyPair primary = keys.get(PublicKeyPacket.VERSION_4, Date.from(created)).generateLegacyEd25519KeyPair();
            PGPSignatureSubpacketGenerator self = subpackets(created);
            self.setKeyFlags(true, KeyFlags.CERTIFY_OTHER | (signingSubkey ? 0 : KeyFlags.SIGN_DATA));
            self.setPrimaryUserID(false, true);
            expiry(self);
            PGPPublicKey primaryPublic = PGPPublicKey.addCertification(primary.getPublicKey(), userId,
                    generator(primary, PGPSignature.POSITIVE_CERTIFICATION, self).generateCertification(userId, primary.getPublicKey()));
            if (revokedAt != null && !revokeSubkey) {
                primaryPublic = PGPPublicKey.addCertification(primaryPublic,
                        generator(primary, PGPSignature.KEY_REVOCATION, revocation()).generateCertification(primaryPublic));
            }
            List<PGPPublicKey> ringKeys = new ArrayList<>(List.of(primaryPublic));
            PGPKeyPair signer = primary;
            if (signingSubkey) {
                signer = keys.get(PublicKeyPacket.VERSION_4, Date.from(created)).generateLegacyEd25519KeyPair().asSubkey(new BcKeyFingerprintCalculator());
                ringKeys.add(bindSubkey(primary, signer));
            }
            return new TestPgpKey(primary, signer, new PGPPublicKeyRing(ringKeys));
        }

        private PGPPublicKey bindSubkey(PGPKeyPair primary, PGPKeyPair subkey) throws PGPException, IOException {
            PGPSignatureSubpacketGenerator binding = subpackets(created);
            binding.setKeyFlags(true, subkeyFlags);
            expiry(binding);
            if (backSignature) {
                binding.addEmbeddedSignature(false, generator(subkey, PGPSignature.PRIMARYKEY_BINDING, subpackets(created))
                        .generateCertification(primary.getPublicKey(), subkey.getPublicKey()));
            }
            PGPPublicKey bound = PGPPublicKey.addCertification(subkey.getPublicKey(),
                    generator(primary, PGPSignature.SUBKEY_BINDING, binding).generateCertification(primary.getPublicKey(), subkey.getPublicKey()));
            if (revokedAt != null && revokeSubkey) {
                bound = PGPPublicKey.addCertification(bound,
                        generator(primary, PGPSignature.SUBKEY_REVOCATION, revocation()).generateCertification(primary.getPublicKey(), bound));
            }
            return bound;
        }

        private void expiry(PGPSignatureSubpacketGenerator packets) {
            if (!expiresAfter.isZero()) {
                packets.setKeyExpirationTime(true, expiresAfter.toSeconds());
            }
        }

        private PGPSignatureSubpacketGenerator revocation() {
            PGPSignatureSubpacketGenerator packets = subpackets(revokedAt);
            packets.setRevocationReason(false, revocationReason, revocationReason == RevocationReasonTags.KEY_COMPROMISED ? "stolen laptop" : "moved to a new key");
            return packets;
        }
    }

    /** The public key ring as a keyring of its own. */
    OpenPgpKeyring keyring() {
        return OpenPgpKeyring.parse(publicArmoured(), "test keyring");
    }

    public byte[] publicArmoured() {
        return armour(ring::encode);
    }

    byte[] publicBinary() {
        try {
            return ring.getEncoded();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String fingerprint() {
        return OpenPgpKeyring.fingerprint(ring.getPublicKey());
    }

    String signerFingerprint() {
        return OpenPgpKeyring.fingerprint(signer.getPublicKey());
    }

    /** A detached signature over {@code data}, dated {@code at}, SHA-256, armoured ({@code .asc}) or binary ({@code .sig}). */
    public byte[] sign(byte[] data, Instant at, boolean armoured) {
        return sign(data, at, armoured, HashAlgorithmTags.SHA256);
    }

    byte[] sign(byte[] data, Instant at, boolean armoured, int digest) {
        try {
            PGPSignatureGenerator gen = generator(signer, PGPSignature.BINARY_DOCUMENT, subpackets(at), digest);
            gen.update(data);
            PGPSignature sig = gen.generate();
            return armoured ? armour(sig::encode) : sig.getEncoded();
        } catch (PGPException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A clear-signed file of {@code text} (lines ending in \n), made as RFC 9580 section 7 describes: the signature
     * covers the lines without trailing blanks, joined by CRLF; lines starting with '-' are dash-escaped.
     */
    public byte[] clearSign(String text, Instant at) {
        try {
            List<String> lines = List.of(text.split("\n"));
            PGPSignatureGenerator gen = generator(signer, PGPSignature.CANONICAL_TEXT_DOCUMENT, subpackets(at), HashAlgorithmTags.SHA256);
            gen.update(String.join("\r\n", lines.stream().map(l -> l.replaceAll("[ \t]+$", "")).toList()).getBytes(StandardCharsets.UTF_8));
            StringBuilder out = new StringBuilder("-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n");
            lines.forEach(l -> out.append(l.startsWith("-") ? "- " + l : l).append('\n'));
            out.append(new String(armour(gen.generate()::encode), StandardCharsets.US_ASCII));
            return out.toString().getBytes(StandardCharsets.UTF_8);
        } catch (PGPException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Encoder {
        void encode(OutputStream out) throws IOException;
    }

    private static byte[] armour(Encoder encoder) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ArmoredOutputStream out = ArmoredOutputStream.builder().clearHeaders().build(bytes)) {
            encoder.encode(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static PGPSignatureSubpacketGenerator subpackets(Instant at) {
        PGPSignatureSubpacketGenerator packets = new PGPSignatureSubpacketGenerator();
        packets.setSignatureCreationTime(true, Date.from(at));
        return packets;
    }

    private static PGPSignatureGenerator generator(PGPKeyPair by, int type, PGPSignatureSubpacketGenerator packets) throws PGPException {
        return generator(by, type, packets, HashAlgorithmTags.SHA256);
    }

    private static PGPSignatureGenerator generator(PGPKeyPair by, int type, PGPSignatureSubpacketGenerator packets, int digest) throws PGPException {
        packets.setIssuerFingerprint(false, by.getPublicKey());
        PGPSignatureGenerator gen = new PGPSignatureGenerator(new BcPGPContentSignerBuilder(by.getPublicKey().getAlgorithm(), digest), by.getPublicKey());
        gen.init(type, by.getPrivateKey());
        gen.setHashedSubpackets(packets.generate());
        return gen;
    }
}
